/**
 * STS, as much as the labs need: who am I (`aws sts get-caller-identity`, the first
 * command of week4-fri) and short-term credentials. The sandbox has one identity, the
 * account's root user, and accepts any credentials it is handed.
 */
import type {
  GetCallerIdentityCommandInput,
  GetCallerIdentityCommandOutput,
  GetSessionTokenCommandInput,
  GetSessionTokenCommandOutput,
} from '@aws-sdk/client-sts';
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../errors.js';
import type { Handler, ServiceFactory } from '../../service.js';

const GetCallerIdentity: Handler<GetCallerIdentityCommandInput, GetCallerIdentityCommandOutput> = (_input, ctx) => ({
  UserId: ctx.accountId,
  Account: ctx.accountId,
  Arn: `arn:aws:iam::${ctx.accountId}:root`,
});

/** AWS's bounds for DurationSeconds: 15 minutes to 36 hours, 12 hours by default. */
const SESSION_SECONDS = { min: 900, max: 129600, default: 43200 };

const GetSessionToken: Handler<GetSessionTokenCommandInput, GetSessionTokenCommandOutput> = (input, ctx) => {
  const seconds = input.DurationSeconds ?? SESSION_SECONDS.default;
  if (seconds < SESSION_SECONDS.min || seconds > SESSION_SECONDS.max) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${seconds}' at 'durationSeconds' failed to satisfy constraint: ` +
        `Member must have value ${seconds < SESSION_SECONDS.min ? `greater than or equal to ${SESSION_SECONDS.min}` : `less than or equal to ${SESSION_SECONDS.max}`}`,
    );
  }
  return {
    Credentials: {
      AccessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      SecretAccessKey: randomBytes(30).toString('base64'),
      SessionToken: randomBytes(96).toString('base64'),
      Expiration: new Date(ctx.clock.now() + seconds * 1000),
    },
  };
};

export const stsService: ServiceFactory = () => {
  return {
    operations: { GetCallerIdentity, GetSessionToken },
  };
};
