/** The S3 service of the sandbox: buckets (names global, each in a region) and their objects. */
import { keptIn } from '../../kit/saved-state.js';
import type { ServiceFactory } from '../../service.js';
import { bucketOperations } from './buckets.js';
import { objectOperations } from './objects.js';
import { S3State } from './state.js';

export const s3Service: ServiceFactory = () => {
  const state = new S3State();
  return {
    operations: { ...bucketOperations(state), ...objectOperations(state) },
    ...keptIn(state),
  };
};
