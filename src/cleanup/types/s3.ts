/** S3 buckets: emptied before the bucket itself goes. */
import { createdAfterIntent, ignoreNotFound, type Output, type ResourceType } from '../resource-type.js';

const s3 = () => import('@aws-sdk/client-s3');

export const bucket: ResourceType = {
  name: 's3:bucket',
  title: 'S3 bucket',
  createdBy: 'CreateBucket',
  dependsOn: [],
  created: (_output: Output, input) => [{ resourceId: String(input.Bucket) }],
  intentAttributes: (input) => ({ name: String(input.Bucket) }),
  async resolveIntent(record, clients) {
    const { ListBucketsCommand } = await s3();
    const out = await clients.send<Output>(new ListBucketsCommand({}));
    const bucket = (out.Buckets ?? []).find((item: Output) => item.Name === record.attributes?.name);
    return bucket && createdAfterIntent(record, bucket.CreationDate) ? [{ resourceId: bucket.Name }] : [];
  },
  async delete(record, clients) {
    const { ListObjectsV2Command, DeleteObjectsCommand, DeleteBucketCommand } = await s3();
    const Bucket = record.resourceId!;
    await ignoreNotFound(async () => {
      // Labs never turn versioning on; a versioned bucket's old versions would make DeleteBucket refuse, and say so.
      for (;;) {
        const page = await clients.send<Output>(new ListObjectsV2Command({ Bucket, MaxKeys: 1000 }));
        const objects = (page.Contents ?? []).map((item: Output) => ({ Key: item.Key }));
        if (objects.length === 0) break;
        await clients.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: objects, Quiet: true } }));
      }
      await clients.send(new DeleteBucketCommand({ Bucket }));
    });
  },
};

export const s3ResourceTypes: ResourceType[] = [bucket];
