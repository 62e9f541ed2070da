/** S3's bucket operations, over S3State. */
import type {
  CreateBucketCommandInput, CreateBucketCommandOutput, DeleteBucketCommandInput, DeleteBucketCommandOutput,
  DeleteBucketTaggingCommandInput, DeleteBucketTaggingCommandOutput, GetBucketTaggingCommandInput, GetBucketTaggingCommandOutput, HeadBucketCommandInput,
  HeadBucketCommandOutput, ListBucketsCommandInput, ListBucketsCommandOutput, PutBucketTaggingCommandInput,
  PutBucketTaggingCommandOutput,
} from '@aws-sdk/client-s3';
import type { Handler } from '../../service.js';
import { illegalLocationConstraint, invalidLocationConstraint } from './errors.js';
import { listPage } from './list-objects.js';
import type { S3State } from './state.js';

/** The sandbox account's canonical user id, as S3 shows owners. */
export const CANONICAL_USER_ID = '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a';

export function bucketOperations(state: S3State) {
  const CreateBucket: Handler<CreateBucketCommandInput, CreateBucketCommandOutput> = (input, ctx) => {
    const constraint: string | undefined = input.CreateBucketConfiguration?.LocationConstraint;
    // us-east-1 is the one region named by no constraint; naming it is an error.
    if (constraint === 'us-east-1') throw invalidLocationConstraint(constraint);
    if ((constraint ?? 'us-east-1') !== ctx.region) throw illegalLocationConstraint(constraint);
    const bucket = state.createBucket(input.Bucket!, ctx.region, ctx.clock.now());
    return { Location: ctx.region === 'us-east-1' ? `/${bucket.name}` : `http://${bucket.name}.s3.amazonaws.com/` };
  };

  const HeadBucket: Handler<HeadBucketCommandInput, HeadBucketCommandOutput> = (input) => {
    const bucket = state.bucket(input.Bucket!);
    return { BucketRegion: bucket.region, AccessPointAlias: false };
  };

  const ListBuckets: Handler<ListBucketsCommandInput, ListBucketsCommandOutput> = (input) => {
    const buckets = state.listBuckets().filter((bucket) => !input.BucketRegion || bucket.region === input.BucketRegion);
    const page = listPage(buckets.map((bucket) => bucket.name), {
      prefix: input.Prefix ?? '',
      maxKeys: input.MaxBuckets ?? Number.POSITIVE_INFINITY,
      ...(input.ContinuationToken === undefined ? {} : { continuationToken: input.ContinuationToken }),
    });
    const byName = new Map(buckets.map((bucket) => [bucket.name, bucket]));
    return {
      Buckets: page.keys.map((name) => {
        const bucket = byName.get(name)!;
        return { Name: bucket.name, CreationDate: new Date(bucket.creationDate), BucketRegion: bucket.region };
      }),
      Owner: { ID: CANONICAL_USER_ID },
      ...(page.nextContinuationToken === undefined ? {} : { ContinuationToken: page.nextContinuationToken }),
      ...(input.Prefix === undefined ? {} : { Prefix: input.Prefix }),
    };
  };

  const DeleteBucket: Handler<DeleteBucketCommandInput, DeleteBucketCommandOutput> = (input) => {
    state.deleteBucket(input.Bucket!);
    return {};
  };

  const PutBucketTagging: Handler<PutBucketTaggingCommandInput, PutBucketTaggingCommandOutput> = (input) => {
    state.putBucketTagging(input.Bucket!, (input.Tagging?.TagSet ?? []).map((tag) => ({ Key: tag.Key ?? '', Value: tag.Value ?? '' })));
    return {};
  };

  const GetBucketTagging: Handler<GetBucketTaggingCommandInput, GetBucketTaggingCommandOutput> = (input) => ({
    TagSet: state.bucketTagging(input.Bucket!),
  });

  const DeleteBucketTagging: Handler<DeleteBucketTaggingCommandInput, DeleteBucketTaggingCommandOutput> = (input) => {
    state.deleteBucketTagging(input.Bucket!);
    return {};
  };

  return { CreateBucket, HeadBucket, ListBuckets, DeleteBucket, PutBucketTagging, GetBucketTagging, DeleteBucketTagging };
}
