/**
 * DynamoDB table tags through the real DynamoDBClient: Tags on CreateTable, TagResource,
 * UntagResource, ListTagsOfResource by table ARN, and AWS's limits in AWS's words.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateTableCommand, ListTablesCommand, ListTagsOfResourceCommand, TagResourceCommand, UntagResourceCommand, type Tag,
} from '@aws-sdk/client-dynamodb';
import { assertError, failure } from '../../support/aws-errors.js';
import { activeTable, useSandbox } from './harness.js';

const harness = useSandbox();
const ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/lab-music';

const tagsOf = async (ResourceArn = ARN): Promise<Tag[] | undefined> =>
  (await harness.ddb.send(new ListTagsOfResourceCommand({ ResourceArn }))).Tags;

describe('Tags on CreateTable', () => {
  it('stores the tags a table is created with, readable while it is still CREATING', async () => {
    const { TableDescription } = await harness.ddb.send(new CreateTableCommand({
      TableName: 'lab-music', BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      Tags: [{ Key: 'lab:run', Value: 'r-1' }, { Key: 'managed-by', Value: 'lab' }],
    }));
    assert.equal(TableDescription?.TableStatus, 'CREATING');
    assert.deepEqual(await tagsOf(TableDescription?.TableArn), [{ Key: 'lab:run', Value: 'r-1' }, { Key: 'managed-by', Value: 'lab' }]);
  });

  it('refuses a reserved aws: key and creates no table', async () => {
    const error = await failure(harness.ddb.send(new CreateTableCommand({
      TableName: 'lab-music', BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      Tags: [{ Key: 'aws:cloudformation:stack-name', Value: 'x' }],
    })));
    assertError(error, 'ValidationException',
      "One or more parameter values were invalid: Tag keys starting with 'aws:' are reserved for system use: aws:cloudformation:stack-name", 400);
    assert.deepEqual((await harness.ddb.send(new ListTablesCommand({}))).TableNames, []);
  });
});

describe('TagResource, UntagResource, ListTagsOfResource', () => {
  it('adds, overwrites by key, and removes tags; removing an absent key is no error', async () => {
    await activeTable(harness.ddb, 'lab-music');
    assert.deepEqual(await tagsOf(), []);
    await harness.ddb.send(new TagResourceCommand({ ResourceArn: ARN, Tags: [{ Key: 'team', Value: 'a' }, { Key: 'env', Value: 'dev' }] }));
    await harness.ddb.send(new TagResourceCommand({ ResourceArn: ARN, Tags: [{ Key: 'team', Value: 'b' }, { Key: 'empty', Value: '' }] }));
    assert.deepEqual(await tagsOf(), [{ Key: 'team', Value: 'b' }, { Key: 'env', Value: 'dev' }, { Key: 'empty', Value: '' }]);
    await harness.ddb.send(new UntagResourceCommand({ ResourceArn: ARN, TagKeys: ['team', 'never-set'] }));
    assert.deepEqual(await tagsOf(), [{ Key: 'env', Value: 'dev' }, { Key: 'empty', Value: '' }]);
  });

  it('names a missing table by ARN, with AWS own misspelling', async () => {
    const missing = 'arn:aws:dynamodb:us-east-1:123456789012:table/nope';
    assertError(await failure(tagsOf(missing)), 'ResourceNotFoundException', `Requested resource not found: ResourcArn: ${missing} not found`, 400);
    assertError(await failure(harness.ddb.send(new TagResourceCommand({ ResourceArn: missing, Tags: [{ Key: 'k', Value: 'v' }] }))),
      'ResourceNotFoundException', `Requested resource not found: ResourcArn: ${missing} not found`, 400);
  });

  it('refuses what is not a table ARN of this region', async () => {
    await activeTable(harness.ddb, 'lab-music');
    for (const arn of ['lab-music', `${ARN}/index/by-artist`, 'arn:aws:dynamodb:eu-west-1:123456789012:table/lab-music']) {
      assertError(await failure(tagsOf(arn)), 'ValidationException', `Invalid TableArn: Invalid ResourceArn provided as input ${arn}`, 400);
    }
  });

  it('refuses empty lists, long keys and values, and a 51st tag', async () => {
    await activeTable(harness.ddb, 'lab-music');
    assertError(await failure(harness.ddb.send(new TagResourceCommand({ ResourceArn: ARN, Tags: [] }))),
      'ValidationException', 'Atleast one Tag needs to be provided as Input.', 400);
    assertError(await failure(harness.ddb.send(new UntagResourceCommand({ ResourceArn: ARN, TagKeys: [] }))),
      'ValidationException', 'Atleast one Tag Key needs to be provided as Input.', 400);
    const longKey = 'k'.repeat(129);
    assertError(await failure(harness.ddb.send(new TagResourceCommand({ ResourceArn: ARN, Tags: [{ Key: 'ok', Value: 'v' }, { Key: longKey, Value: 'v' }] }))),
      'ValidationException',
      `1 validation error detected: Value '${longKey}' at 'tags.2.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`, 400);
    const longValue = 'v'.repeat(257);
    assertError(await failure(harness.ddb.send(new TagResourceCommand({ ResourceArn: ARN, Tags: [{ Key: 'k', Value: longValue }] }))),
      'ValidationException',
      `1 validation error detected: Value '${longValue}' at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`, 400);

    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await harness.ddb.send(new TagResourceCommand({ ResourceArn: ARN, Tags: fifty }));
    await harness.ddb.send(new TagResourceCommand({ ResourceArn: ARN, Tags: [{ Key: 'k0', Value: 'replaced' }] }));
    assertError(await failure(harness.ddb.send(new TagResourceCommand({ ResourceArn: ARN, Tags: [{ Key: 'k50', Value: 'v' }] }))),
      'ValidationException', 'One or more parameter values were invalid: The number of tags on a table cannot exceed 50', 400);
    assert.equal((await tagsOf())?.length, 50);
  });

  it('changes tags only once the table is ACTIVE', async () => {
    await harness.ddb.send(new CreateTableCommand({
      TableName: 'lab-music', BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    }));
    assertError(await failure(harness.ddb.send(new TagResourceCommand({ ResourceArn: ARN, Tags: [{ Key: 'k', Value: 'v' }] }))),
      'ResourceInUseException', 'Attempt to change a resource which is still in use: Table is being created: lab-music', 400);
  });
});
