/** What the alarm modules share: the records, the metrics they read, and the SNS topics their actions publish to. */
import type { SnsBackend } from '../../sns/backend.js';
import type { CloudWatchState } from '../state.js';
import type { AlarmsState } from './records.js';

export interface AlarmParts {
  alarms: AlarmsState;
  metrics: CloudWatchState;
  /** Read at action time: SNS's backend is made on first use. */
  sns: () => SnsBackend;
}
