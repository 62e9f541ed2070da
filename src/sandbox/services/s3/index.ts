/** The S3 service of the sandbox: buckets (names global, each in a region) and their objects. */
import type { SandboxService } from '../../service.js';
import { bucketOperations } from './buckets.js';
import { objectOperations } from './objects.js';
import { S3State } from './state.js';

export function s3Service(): SandboxService {
  const state = new S3State();
  return {
    signingName: 's3',
    loadClient: () => import('@aws-sdk/client-s3'),
    operations: { ...bucketOperations(state), ...objectOperations(state) },
    snapshot: () => state.snapshot(),
    restore: (saved) => state.restore(saved),
    reset: () => state.restore({}),
  };
}
