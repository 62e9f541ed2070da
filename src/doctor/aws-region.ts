/** The region labs on AWS use, in the AWS CLI's order of precedence, and where it came from. */
import type { AwsConfigFiles } from './aws-config-files.js';
import type { CheckResult } from './check.js';

export interface ResolvedRegion {
  region: string;
  source: string;
}

export function resolveRegion(regionOption: string | undefined, env: NodeJS.ProcessEnv, files: AwsConfigFiles): ResolvedRegion | undefined {
  if (regionOption) return { region: regionOption, source: '--region' };
  if (env.AWS_REGION) return { region: env.AWS_REGION, source: 'AWS_REGION' };
  if (env.AWS_DEFAULT_REGION) return { region: env.AWS_DEFAULT_REGION, source: 'AWS_DEFAULT_REGION' };
  const fromConfig = files.inConfig?.region;
  if (fromConfig) return { region: fromConfig, source: `profile '${files.profile}' in ${files.configPath}` };
  const fromCredentials = files.inCredentials?.region;
  if (fromCredentials) return { region: fromCredentials, source: `profile '${files.profile}' in ${files.credentialsPath}` };
  return undefined;
}

export function checkAwsRegion(resolved: ResolvedRegion | undefined, files: AwsConfigFiles): CheckResult {
  if (resolved) return { name: 'AWS region', status: 'ok', required: true, detail: `${resolved.region} (from ${resolved.source})` };
  return {
    name: 'AWS region',
    status: 'fail',
    required: true,
    detail: `none: no --region, AWS_REGION or AWS_DEFAULT_REGION, and profile '${files.profile}' sets none in ${files.configPath}`,
    fix: `aws configure set region us-east-1 --profile ${files.profile}   (or pass --region, or export AWS_REGION)`,
  };
}
