/**
 * Days of the study plan whose labs are not built yet, so a learner who types one (the
 * README's table lists them) hears that it is coming rather than that it does not exist.
 * A lab leaves this list when its folder joins labs/index.ts.
 */
export const COMING_LABS: Readonly<Record<string, string>> = {
  'week4-mon': 'high availability: a VPC over three zones, RDS MySQL Multi-AZ, a load balancer and Auto Scaling',
  'week4-wed': 'hybrid DNS with Route 53 Resolver and AWS Managed Microsoft AD',
};
