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
