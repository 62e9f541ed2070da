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
