/**
 * week8-day3: table and query design (workshop 000039). One orders table built for its
 * access patterns: customer + order date as the primary key, a local secondary index to
 * sort a customer's orders by amount, a global secondary index to find orders by status,
 * TTL to let old carts expire on their own, CRUD on it, and Query against Scan measured.
 */
import type { Lab } from '../../src/runner/lab.js';
import type { Item } from '../shared/attribute-value.js';
import { batchWriteItems } from '../shared/batch-write.js';
import { queryAll, readRow, scanAll } from '../shared/read-all.js';
import { ensureTable } from '../shared/tables.js';

const dynamodb = () => import('@aws-sdk/client-dynamodb');

export const ORDERS_TABLE = 'fcj-orders';
export const STATUS_INDEX = 'status-index';
export const AMOUNT_INDEX = 'amount-index';
const TTL_ATTRIBUTE = 'expiresAt';
const CUSTOMERS = 20;
const ORDERS_PER_CUSTOMER = 10;
const STATUSES = ['PENDING', 'SHIPPED', 'DELIVERED', 'CANCELLED'];
const MEASURED_CUSTOMER = 'CUSTOMER#07';
/** How long the sandbox (or another emulator) gets to sweep the expired cart. */
const TTL_WAIT_MS = 120_000;

const customerId = (customer: number) => `CUSTOMER#${String(customer).padStart(2, '0')}`;

/** Deterministic orders: each customer's ten orders, amounts and statuses varied by arithmetic. */
export function orders(): Item[] {
  return Array.from({ length: CUSTOMERS * ORDERS_PER_CUSTOMER }, (_, n) => {
    const customer = n % CUSTOMERS;
    const day = 1 + Math.floor(n / CUSTOMERS);
    return {
      customerId: { S: customerId(customer) },
      orderDate: { S: `2026-10-${String(day).padStart(2, '0')}#ORDER-${String(n).padStart(4, '0')}` },
      status: { S: STATUSES[(n * 7) % STATUSES.length]! },
      amount: { N: String(5 + ((n * 37) % 240)) },
    };
  });
}

function orderKey(order: Item): Item {
  return { customerId: order.customerId!, orderDate: order.orderDate! };
}

export const week8Day3: Lab = {
  id: 'week8-day3',
  title: 'DynamoDB table and query design: keys, GSI and LSI, TTL, Query vs Scan',
  services: ['DynamoDB'],
  objectives: [
    'Design a primary key (partition + sort key) from the access patterns',
    'Add a local and a global secondary index for the other patterns',
    'Let items expire with Time to Live',
    'Measure what a Query and a Scan read, cost and take',
  ],
  theory: [
    'Start from the questions the application asks ("a customer\'s orders, newest first"), then choose keys that answer each with a Query. A Scan reads the whole table, whatever its filter keeps.',
    'A local secondary index (LSI) keeps the partition key and sorts by another attribute; it is defined at table creation only and shares the table\'s capacity. A global secondary index (GSI) can use any keys, can be added later, and is eventually consistent.',
    'Time to Live deletes an item some time after the epoch second in its TTL attribute has passed, at no cost. On AWS that is typically within a few days (AWS used to say 48 hours); expired items can still be read until then, so filter on the attribute when it matters.',
  ],
  steps: [
    {
      id: 'orders-table',
      title: `Create ${ORDERS_TABLE}: customerId + orderDate, a GSI on status and an LSI on amount`,
      why: 'The primary key answers "a customer\'s orders by date"; the LSI amount-index answers "a customer\'s orders by amount" and must be created with the table; the GSI status-index answers "all orders in a status" across customers.',
      produces: ['ordersTable'],
      run: async (ctx) => {
        const result = await ensureTable(ctx, {
          TableName: ORDERS_TABLE,
          AttributeDefinitions: [
            { AttributeName: 'customerId', AttributeType: 'S' },
            { AttributeName: 'orderDate', AttributeType: 'S' },
            { AttributeName: 'status', AttributeType: 'S' },
            { AttributeName: 'amount', AttributeType: 'N' },
          ],
          KeySchema: [
            { AttributeName: 'customerId', KeyType: 'HASH' },
            { AttributeName: 'orderDate', KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: [{ IndexName: STATUS_INDEX, KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'orderDate', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
          LocalSecondaryIndexes: [{ IndexName: AMOUNT_INDEX, KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }, { AttributeName: 'amount', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
          BillingMode: 'PAY_PER_REQUEST',
        });
        await ctx.remember('ordersTable', ORDERS_TABLE);
        return { ...result, query: 'Table.{TableName: TableName, KeySchema: KeySchema, GlobalSecondaryIndexes: GlobalSecondaryIndexes[].IndexName, LocalSecondaryIndexes: LocalSecondaryIndexes[].IndexName}' };
      },
    },
    {
      id: 'enable-ttl',
      title: `Turn on Time to Live on the ${TTL_ATTRIBUTE} attribute`,
      why: 'DynamoDB then deletes each item whose expiresAt (epoch seconds) has passed, without consuming write capacity. The setting is per table and names one attribute.',
      needs: ['orders-table'],
      run: async (ctx) => {
        const { DescribeTimeToLiveCommand, UpdateTimeToLiveCommand } = await dynamodb();
        const current = await ctx.call(new DescribeTimeToLiveCommand({ TableName: ORDERS_TABLE }));
        // AWS takes up to an hour to finish ENABLING, and refuses a second request meanwhile.
        const status = current.TimeToLiveDescription?.TimeToLiveStatus;
        if (status === 'ENABLED' || status === 'ENABLING') {
          ctx.note(`Time to Live is already on for ${ORDERS_TABLE} (an earlier run turned it on, status ${status}): enabling it again would be refused.`);
          return { operation: 'DescribeTimeToLive', response: current };
        }
        const command = new UpdateTimeToLiveCommand({ TableName: ORDERS_TABLE, TimeToLiveSpecification: { Enabled: true, AttributeName: TTL_ATTRIBUTE } });
        return { operation: 'UpdateTimeToLive', response: await ctx.call(command) };
      },
    },
    {
      id: 'put-orders',
      title: `Write ${CUSTOMERS * ORDERS_PER_CUSTOMER} orders for ${CUSTOMERS} customers`,
      why: 'Each write also updates both indexes: the LSI in the same transaction as the item, the GSI asynchronously, a moment later.',
      needs: ['orders-table'],
      run: async (ctx) => ({ operation: 'BatchWriteItem', response: await batchWriteItems(ctx, ORDERS_TABLE, orders(), { fileStem: 'orders' }) }),
    },
    {
      id: 'get-order',
      title: 'Read one order by its full key',
      why: 'GetItem with both key attributes: the cheapest read there is, one item, half a read unit when eventually consistent.',
      needs: ['put-orders'],
      run: async (ctx) => {
        const { GetItemCommand } = await dynamodb();
        return { operation: 'GetItem', response: await ctx.call(new GetItemCommand({ TableName: ORDERS_TABLE, Key: orderKey(orders()[0]!) })) };
      },
    },
    {
      id: 'update-order',
      title: 'Ship an order, only if it exists',
      why: 'attribute_exists in the ConditionExpression stops UpdateItem from creating a half-empty order when the key is wrong, which it otherwise would (an update is an upsert).',
      needs: ['put-orders'],
      run: async (ctx) => {
        const { UpdateItemCommand } = await dynamodb();
        const command = new UpdateItemCommand({
          TableName: ORDERS_TABLE,
          Key: orderKey(orders()[0]!),
          UpdateExpression: 'SET #status = :shipped',
          ConditionExpression: 'attribute_exists(customerId)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':shipped': { S: 'SHIPPED' } },
          ReturnValues: 'ALL_NEW',
        });
        return { operation: 'UpdateItem', response: await ctx.call(command) };
      },
    },
    {
      id: 'delete-order',
      title: 'Delete a cancelled order, only if it is cancelled',
      why: 'The condition is checked and the item deleted in one atomic step, so a concurrent change of status cannot slip in between.',
      needs: ['put-orders'],
      run: async (ctx) => {
        const { DeleteItemCommand } = await dynamodb();
        const cancelled = orders().find((order) => order.status?.S === 'CANCELLED')!;
        const command = new DeleteItemCommand({
          TableName: ORDERS_TABLE,
          Key: orderKey(cancelled),
          ConditionExpression: '#status = :cancelled',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':cancelled': { S: 'CANCELLED' } },
          ReturnValues: 'ALL_OLD',
        });
        return { operation: 'DeleteItem', response: await ctx.call(command) };
      },
    },
    {
      id: 'query-lsi',
      title: `A customer's orders over 100, sorted by amount (LSI ${AMOUNT_INDEX})`,
      why: 'The LSI keeps the table\'s partition key and sorts by amount, so a range condition on amount becomes part of the key condition. Its projection is KEYS_ONLY: small, and enough to fetch the orders.',
      needs: ['put-orders'],
      run: async (ctx) => {
        const { output } = await queryAll(ctx, {
          TableName: ORDERS_TABLE,
          IndexName: AMOUNT_INDEX,
          KeyConditionExpression: 'customerId = :customer AND amount > :over',
          ExpressionAttributeValues: { ':customer': { S: MEASURED_CUSTOMER }, ':over': { N: '100' } },
        });
        return { operation: 'Query', response: output };
      },
    },
    {
      id: 'query-gsi',
      title: `Every pending order, across customers (GSI ${STATUS_INDEX})`,
      why: 'On the GSI, status is the partition key: the Query reads the pending orders only. GSI reads are eventually consistent; ConsistentRead is not allowed on them.',
      needs: ['put-orders'],
      run: async (ctx) => {
        const { output } = await queryAll(ctx, {
          TableName: ORDERS_TABLE,
          IndexName: STATUS_INDEX,
          KeyConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': { S: 'PENDING' } },
          Select: 'COUNT',
        });
        return { operation: 'Query', response: output };
      },
    },
    {
      id: 'ttl-expiry',
      title: 'Watch an abandoned cart expire',
      why: `A cart item whose ${TTL_ATTRIBUTE} is 5 seconds from now. The sandbox sweeps expired items within seconds; AWS deletes them in the background, typically within a few days (up to 48 hours, as AWS long said), so on AWS the lab does not wait.`,
      needs: ['enable-ttl'],
      run: async (ctx) => {
        const { GetItemCommand, PutItemCommand } = await dynamodb();
        const Key = { customerId: { S: MEASURED_CUSTOMER }, orderDate: { S: `CART#${ctx.run}` } };
        const expiresAt = Math.floor(Date.now() / 1000) + 5;
        await ctx.call(new PutItemCommand({ TableName: ORDERS_TABLE, Item: { ...Key, status: { S: 'CART' }, amount: { N: '0' }, [TTL_ATTRIBUTE]: { N: String(expiresAt) } } }));
        const read = new GetItemCommand({ TableName: ORDERS_TABLE, Key });
        // On a real account TTL deletes run on AWS's schedule, not the sandbox's clock.
        if (ctx.target.kind === 'aws') {
          ctx.note(`On AWS the cart is deleted some time after ${new Date(expiresAt * 1000).toISOString()}, typically within a few days (up to 48 hours, as AWS long said); until then it can still be read. Not waiting.`);
          return { operation: 'GetItem', response: await ctx.call(read) };
        }
        try {
          return { operation: 'GetItem', response: await ctx.waitFor(read, (out) => out.Item === undefined, { what: 'Time to Live to delete the cart', timeoutMs: TTL_WAIT_MS }) };
        } catch (error) {
          if (!(error instanceof Error) || !error.message.startsWith('gave up waiting')) throw error;
          ctx.note('This endpoint has not swept the expired cart yet: emulators, like AWS, delete expired items on their own schedule.');
          return { operation: 'GetItem', response: await ctx.call(read) };
        }
      },
    },
    {
      id: 'query-vs-scan',
      title: `One customer's orders: Query against Scan, measured`,
      why: 'Both answer the same question. The Query reads that customer\'s partition only; the Scan reads every order and filters afterwards, paying for all of them and taking longer as the table grows.',
      needs: ['put-orders'],
      run: async (ctx) => {
        const timed = async <T>(read: () => Promise<T>) => {
          const started = performance.now();
          const result = await read();
          return { result, LatencyMs: Math.round((performance.now() - started) * 10) / 10 };
        };
        const query = await timed(() => queryAll(ctx, { TableName: ORDERS_TABLE, KeyConditionExpression: 'customerId = :customer', ExpressionAttributeValues: { ':customer': { S: MEASURED_CUSTOMER } }, ReturnConsumedCapacity: 'TOTAL' }));
        const scan = await timed(() => scanAll(ctx, { TableName: ORDERS_TABLE, FilterExpression: 'customerId = :customer', ExpressionAttributeValues: { ':customer': { S: MEASURED_CUSTOMER } }, ReturnConsumedCapacity: 'TOTAL' }));
        const Reads = [
          { ...readRow('Query', query.result), LatencyMs: query.LatencyMs },
          { ...readRow('Scan', scan.result), LatencyMs: scan.LatencyMs },
        ];
        return { operation: 'CompareReads', response: { Customer: MEASURED_CUSTOMER, Reads } };
      },
    },
  ],
};
