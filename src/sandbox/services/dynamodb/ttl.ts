/**
 * Time to Live: UpdateTimeToLive and DescribeTimeToLive. A change is ENABLING or DISABLING
 * until its delay passes on the sandbox clock; AWS refuses another change while one is
 * being processed ("up to one hour"), and here the processing is that delay.
 */
import type {
  DescribeTimeToLiveCommandInput, DescribeTimeToLiveCommandOutput, TimeToLiveStatus, UpdateTimeToLiveCommandInput,
  UpdateTimeToLiveCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { Clock } from '../../clock.js';
import { stateAt } from '../../kit/timed-state.js';
import type { Handler } from '../../service.js';
import { constraintViolation, tableInUse, validation } from './errors.js';
import type { DynamoDbState, Table } from './state.js';

const UPDATING = 'dynamodb.ttl.updating';

export function timeToLiveStatus(table: Table, clock: Clock): TimeToLiveStatus {
  const ttl = table.timeToLive;
  if (!ttl) return 'DISABLED';
  return ttl.Enabled
    ? stateAt(clock, ttl.changedAt, UPDATING, 'ENABLING', 'ENABLED')
    : stateAt(clock, ttl.changedAt, UPDATING, 'DISABLING', 'DISABLED');
}

export function ttlOperations(state: DynamoDbState) {
  const UpdateTimeToLive: Handler<UpdateTimeToLiveCommandInput, UpdateTimeToLiveCommandOutput> = (input, ctx) => {
    const tables = state.regionOf(ctx);
    const table = tables.table(input.TableName!);
    const { Enabled, AttributeName } = input.TimeToLiveSpecification!;
    const name = AttributeName!;
    if (name.length < 1 || name.length > 255) {
      throw constraintViolation(name, 'timeToLiveSpecification.attributeName', `Member must have length ${name.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 255'}`);
    }
    const status = tables.status(table);
    if (status === 'CREATING' || status === 'DELETING') throw tableInUse(table.TableName, status);
    const current = table.timeToLive;
    if (current?.Enabled && current.AttributeName !== name) throw validation('TimeToLive is active on a different AttributeName');
    if (Enabled && current?.Enabled) throw validation('TimeToLive is already enabled');
    if (!Enabled && !current?.Enabled) throw validation('TimeToLive is already disabled');
    const settling = timeToLiveStatus(table, ctx.clock);
    if (settling === 'ENABLING' || settling === 'DISABLING') {
      throw validation('Time to live has been modified multiple times within a fixed interval');
    }
    table.timeToLive = { AttributeName: name, Enabled: Enabled!, changedAt: ctx.clock.now() };
    return { TimeToLiveSpecification: { Enabled: Enabled!, AttributeName: name } };
  };

  /** The attribute is named in every state but DISABLED. */
  const DescribeTimeToLive: Handler<DescribeTimeToLiveCommandInput, DescribeTimeToLiveCommandOutput> = (input, ctx) => {
    const table = state.regionOf(ctx).table(input.TableName!);
    const TimeToLiveStatus = timeToLiveStatus(table, ctx.clock);
    return {
      TimeToLiveDescription: {
        TimeToLiveStatus,
        ...(TimeToLiveStatus === 'DISABLED' ? {} : { AttributeName: table.timeToLive!.AttributeName }),
      },
    };
  };

  return { UpdateTimeToLive, DescribeTimeToLive };
}
