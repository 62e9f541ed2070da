/** The names week4-tue gives what it makes, kept in one place so every step and the tests agree. */
export const LAB_ID = 'week4-tue';

/** Where the CloudWatch agent of the workshop's instances ships `/var/log/messages`. */
export const LOG_GROUP = '/ec2/system-logs';
export const RETENTION_DAYS = 7;

/** The agent's own namespace, and the metrics the workshop's agent configuration collects. */
export const AGENT_NAMESPACE = 'CWAgent';
export const DISK_METRIC = 'disk_used_percent';
export const MEMORY_METRIC = 'mem_used_percent';

export const METRIC_FILTER = 'PythonAppErrors';
export const ERROR_METRIC = { namespace: 'PythonApp', name: 'PythonAppErrors' } as const;
export const ERROR_PATTERN = 'ERROR';

export const TOPIC = 'fcj-cloudwatch-alerts';
export const ALARM = 'PythonAppErrors-above-10-per-minute';
export const ALARM_THRESHOLD = 10;
export const DASHBOARD = 'fcj-cloudwatch-workshop';
export const SAVED_QUERY = 'Errors';

/** How far back the played agent's history reaches. */
export const HISTORY_HOURS = 3;
export const METRIC_PERIOD_SECONDS = 300;

/** SEARCH expressions over the agent's metrics, by their full dimension schema. */
export const DISK_SEARCH = `SEARCH('{${AGENT_NAMESPACE},InstanceId,device,fstype,path} MetricName="${DISK_METRIC}"', 'Average', ${METRIC_PERIOD_SECONDS})`;
export const MEMORY_SEARCH = `SEARCH('{${AGENT_NAMESPACE},InstanceId} MetricName="${MEMORY_METRIC}"', 'Average', ${METRIC_PERIOD_SECONDS})`;
