/**
 * What the workshop's five instances would have sent through the CloudWatch agent, made up
 * here (no instance runs, so nothing costs by the hour): `/var/log/messages` lines, among
 * them those of the workshop's Python script, which logs a random DEBUG..CRITICAL message
 * every few seconds; and the agent's `disk_used_percent` and `mem_used_percent` every five
 * minutes. Seeded, so every run and every test sees the same instances and the same lines.
 */
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { InputLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { seededRandom } from '../../src/bench/seeded-random.js';
import { DISK_METRIC, MEMORY_METRIC } from './names.js';

const SEED = 20260804;
export const INSTANCE_COUNT = 5;

export interface AgentInstance {
  instanceId: string;
  hostname: string;
  /** The level the instance's disk and memory sit around, in percent. */
  diskBase: number;
  memoryBase: number;
}

/** The five instances, the same every run: their ids name the log streams and the metrics' dimensions. */
export function agentInstances(): AgentInstance[] {
  const random = seededRandom(SEED);
  return Array.from({ length: INSTANCE_COUNT }, () => {
    const instanceId = `i-0${Array.from({ length: 16 }, () => Math.floor(random() * 16).toString(16)).join('')}`;
    const hostname = `ip-10-0-${1 + Math.floor(random() * 2)}-${10 + Math.floor(random() * 240)}`;
    return { instanceId, hostname, diskBase: 20 + random() * 50, memoryBase: 30 + random() * 40 };
  });
}

const LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;
export type Level = (typeof LEVELS)[number];

const MESSAGES: Record<Level, readonly string[]> = {
  DEBUG: ['Cache lookup for key user:42', 'Request headers parsed', 'Loaded configuration from /etc/app/config.yaml'],
  INFO: ['User logged in', 'Order processed successfully', 'Health check passed', 'Background job finished'],
  WARNING: ['Response time above 2 s', 'Disk usage above 70%', 'Retrying request to payment service'],
  ERROR: ['Database connection failed', 'Payment service returned 500', 'Failed to write to /var/app/data'],
  CRITICAL: ['Out of memory: worker killed', 'Service unavailable: all retries failed'],
};

const SYSTEM_LINES = [
  (pid: number) => `dhclient[${pid}]: XMT: Solicit on eth0, interval 108550ms.`,
  (pid: number) => `systemd[1]: Started Session ${pid} of user ec2-user.`,
  (pid: number) => `amazon-cloudwatch-agent[${pid}]: I! [outputs.cloudwatchlogs] Successfully published log events`,
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A syslog timestamp as rsyslog writes it to /var/log/messages: `Dec  4 14:03:07` (UTC here). */
export function syslogTime(ms: number): string {
  const date = new Date(ms);
  const time = date.toISOString().slice(11, 19);
  return `${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${time}`;
}

/** One line of the workshop's Python script, as syslog records it. */
export function appLine(instance: AgentInstance, ms: number, level: Level, message: string): string {
  return `${syslogTime(ms)} ${instance.hostname} python3[2417]: ${level} ${message}`;
}

export interface HistoryWindow {
  fromMs: number;
  toMs: number;
}

/**
 * An instance's log lines over the window, in time order. The workshop's script writes every
 * 1 to 4 seconds; this writes every 10 to 40, a tenth of its volume, which shows the same
 * patterns for a tenth of the ingestion.
 */
export function agentLogEvents(instance: AgentInstance, window: HistoryWindow, seed = 0): InputLogEvent[] {
  const random = seededRandom(SEED + seed + parseInt(instance.instanceId.slice(-6), 16));
  const events: InputLogEvent[] = [];
  for (let at = window.fromMs + Math.floor(random() * 10_000); at < window.toMs; at += 10_000 + Math.floor(random() * 30_000)) {
    if (random() < 0.15) {
      const line = SYSTEM_LINES[Math.floor(random() * SYSTEM_LINES.length)]!(1000 + Math.floor(random() * 9000));
      events.push({ timestamp: at, message: `${syslogTime(at)} ${instance.hostname} ${line}` });
      continue;
    }
    const level = LEVELS[Math.floor(random() * LEVELS.length)]!;
    const choices = MESSAGES[level];
    events.push({ timestamp: at, message: appLine(instance, at, level, choices[Math.floor(random() * choices.length)]!) });
  }
  return events;
}

/** `count` ERROR lines spread over the minute that starts at `minuteStartMs`: what trips the alarm. */
export function errorBurst(instance: AgentInstance, minuteStartMs: number, count: number): InputLogEvent[] {
  return Array.from({ length: count }, (_, index) => {
    const at = minuteStartMs + 1_000 + Math.floor((index * 57_000) / count);
    return { timestamp: at, message: appLine(instance, at, 'ERROR', `Database connection failed (attempt ${index + 1} of ${count})`) };
  });
}

// PutLogEvents: at most 10,000 events and 1,048,576 bytes a batch, counting 26 bytes per event.
const MAX_BATCH_EVENTS = 10_000;
const MAX_BATCH_BYTES = 1_048_576;

/** Events in time order cut into PutLogEvents batches. */
export function logEventBatches(events: readonly InputLogEvent[]): InputLogEvent[][] {
  const batches: InputLogEvent[][] = [];
  let batch: InputLogEvent[] = [];
  let bytes = 0;
  for (const event of [...events].sort((a, b) => a.timestamp! - b.timestamp!)) {
    const size = Buffer.byteLength(event.message!) + 26;
    if (batch.length === MAX_BATCH_EVENTS || bytes + size > MAX_BATCH_BYTES) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(event);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** The agent's dimensions for the root volume, in the order the agent sends them. */
export function diskDimensions(instanceId: string) {
  return [
    { Name: 'path', Value: '/' },
    { Name: 'InstanceId', Value: instanceId },
    { Name: 'device', Value: 'nvme0n1p1' },
    { Name: 'fstype', Value: 'xfs' },
  ];
}

/**
 * An instance's disk and memory use every `periodSeconds` over the window, on period
 * boundaries: disks fill slowly, memory wanders.
 */
export function agentMetricData(instance: AgentInstance, window: HistoryWindow, periodSeconds: number): MetricDatum[] {
  const random = seededRandom(SEED + parseInt(instance.instanceId.slice(-6), 16));
  const step = periodSeconds * 1000;
  const data: MetricDatum[] = [];
  let memory = instance.memoryBase;
  const first = Math.ceil(window.fromMs / step) * step;
  for (let at = first, index = 0; at < window.toMs; at += step, index++) {
    memory = Math.min(95, Math.max(5, memory + (random() - 0.5) * 6));
    const disk = Math.min(99, instance.diskBase + index * 0.05 + random() * 0.5);
    data.push(
      { MetricName: DISK_METRIC, Dimensions: diskDimensions(instance.instanceId), Timestamp: new Date(at), Value: round2(disk), Unit: 'Percent' },
      { MetricName: MEMORY_METRIC, Dimensions: [{ Name: 'InstanceId', Value: instance.instanceId }], Timestamp: new Date(at), Value: round2(memory), Unit: 'Percent' },
    );
  }
  return data;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
