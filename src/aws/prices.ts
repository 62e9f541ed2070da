/**
 * What lab's resources cost on AWS, for cost notes before billable steps and `lab status`:
 * on-demand Linux list prices in us-east-1 (aws.amazon.com/ec2/pricing/on-demand), as
 * estimates for learners, not quotes.
 */
export const EC2_ON_DEMAND_USD_PER_HOUR: Readonly<Record<string, number>> = {
  't2.micro': 0.0116,
  't2.small': 0.023,
  't3.micro': 0.0104,
  't3.small': 0.0208,
  't3.medium': 0.0416,
};

/**
 * ElastiCache for Redis OSS, on-demand node-hours in us-east-1
 * (aws.amazon.com/elasticache/pricing, 2025 list prices, recorded here on 2026-11-23:
 * re-check there before relying on them). Every node of a replication group is billed,
 * replicas included.
 * cache.t4g.micro is the labs' default: the cheapest current node, ample for learning.
 */
export const ELASTICACHE_PRICES_AS_OF = '2026-11-23';

export const ELASTICACHE_NODE_USD_PER_HOUR: Readonly<Record<string, number>> = {
  'cache.t4g.micro': 0.016,
  'cache.t4g.small': 0.032,
  'cache.t3.micro': 0.017,
  'cache.t3.small': 0.034,
  'cache.m6g.large': 0.149,
  'cache.r6g.large': 0.206,
};

/** Snapshot storage beyond the free one per cluster, per GiB-month. */
export const ELASTICACHE_BACKUP_USD_PER_GIB_MONTH = 0.085;

/** DynamoDB on-demand (PAY_PER_REQUEST), us-east-1, same source date as above. */
export const DYNAMODB_ON_DEMAND_USD = {
  perMillionWriteRequestUnits: 0.625,
  perMillionReadRequestUnits: 0.125,
  perGibMonthStorage: 0.25,
} as const;

/**
 * CloudWatch and CloudWatch Logs, standard tier, us-east-1 (aws.amazon.com/cloudwatch/pricing,
 * list prices recorded here on 2026-12-04: re-check there before relying on them). Metrics,
 * alarms and dashboards are billed per month, prorated by the hour; the free tier covers 10
 * custom metrics, 10 alarm metrics, 3 dashboards and 5 GB of log ingestion and storage a month.
 */
export const CLOUDWATCH_PRICES_AS_OF = '2026-12-04';

const HOURS_PER_MONTH = 730;

export const CLOUDWATCH_USD = {
  /** Per custom metric (one name and dimension set) per month, first 10,000. */
  perCustomMetricMonth: 0.3,
  /** Per standard-resolution alarm metric per month. */
  perAlarmMetricMonth: 0.1,
  /** Per dashboard per month, beyond the 3 free. */
  perDashboardMonth: 3,
  /** GetMetricData, per 1,000 metrics requested. */
  perThousandMetricsRequested: 0.01,
  /** PutMetricData and other API requests, per 1,000. */
  perThousandRequests: 0.01,
} as const;

export const CLOUDWATCH_LOGS_USD = {
  /** Standard-class ingestion per GB. */
  perGbIngested: 0.5,
  /** Archived storage per GB-month (compressed). */
  perGbMonthStored: 0.03,
  /** Logs Insights, per GB of log data scanned. */
  perGbScannedByInsights: 0.005,
} as const;

/** A monthly price as the hourly one a step's cost note and `lab status` use. */
export function perHourOfMonthly(usdPerMonth: number): number {
  // Six decimals: a hundredth of a cent per hundred hours is as close as an estimate needs.
  return Math.round((usdPerMonth / HOURS_PER_MONTH) * 1e6) / 1e6;
}
