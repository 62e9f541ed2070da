/**
 * S3's buckets and objects, and the rules between them: bucket names are global across
 * regions, a bucket must be empty before it goes, an object's ETag is the MD5 of its bytes.
 * Nothing here knows HTTP; handlers translate between the SDK's shapes and these calls.
 */
import { createHash } from 'node:crypto';
import { isValidBucketName } from './bucket-name.js';
import {
  bucketAlreadyOwnedByYou, bucketNotEmpty, invalidBucketName, invalidTag, noSuchBucket, noSuchKey, noSuchTagSet,
} from './errors.js';

export interface Tag {
  Key: string;
  Value: string;
}

/** A checksum the uploader sent (`x-amz-checksum-crc32`), kept to return on reads. */
export interface ObjectChecksum {
  /** The output member it is returned as: `ChecksumCRC32`, `ChecksumSHA256`... */
  member: string;
  value: string;
}

export interface StoredObject {
  key: string;
  body: Buffer;
  /** The MD5 of the bytes in hex, in double quotes, as S3 sends it. */
  etag: string;
  contentType: string;
  /** User metadata (`x-amz-meta-*`), keys lower-cased. */
  metadata: Record<string, string>;
  /** Milliseconds; S3 keeps whole seconds. */
  lastModified: number;
  checksum?: ObjectChecksum;
}

export interface Bucket {
  name: string;
  region: string;
  creationDate: number;
  tags?: Tag[];
  objects: Record<string, StoredObject>;
}

export interface NewObject {
  body: Uint8Array;
  contentType?: string;
  metadata?: Record<string, string>;
  checksum?: ObjectChecksum;
}

const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

export class S3State {
  buckets: Record<string, Bucket> = {};

  createBucket(name: string, region: string, now: number): Bucket {
    if (!isValidBucketName(name)) throw invalidBucketName(name);
    const existing = this.buckets[name];
    if (existing) {
      // For legacy compatibility, us-east-1 answers 200 to re-creating a bucket you own there.
      if (existing.region === 'us-east-1' && region === 'us-east-1') return existing;
      throw bucketAlreadyOwnedByYou(name);
    }
    const bucket: Bucket = { name, region, creationDate: wholeSeconds(now), objects: {} };
    this.buckets[name] = bucket;
    return bucket;
  }

  bucket(name: string): Bucket {
    const bucket = this.buckets[name];
    if (!bucket) throw noSuchBucket(name);
    return bucket;
  }

  deleteBucket(name: string): void {
    const bucket = this.bucket(name);
    if (Object.keys(bucket.objects).length > 0) throw bucketNotEmpty(name);
    delete this.buckets[name];
  }

  /** Buckets in name order, as ListBuckets returns them. */
  listBuckets(): Bucket[] {
    return Object.values(this.buckets).sort((a, b) => compareKeys(a.name, b.name));
  }

  putObject(bucketName: string, key: string, object: NewObject, now: number): StoredObject {
    const bucket = this.bucket(bucketName);
    const body = Buffer.from(object.body);
    const stored: StoredObject = {
      key,
      body,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      contentType: object.contentType ?? DEFAULT_CONTENT_TYPE,
      metadata: object.metadata ?? {},
      lastModified: wholeSeconds(now),
      ...(object.checksum ? { checksum: object.checksum } : {}),
    };
    bucket.objects[key] = stored;
    return stored;
  }

  object(bucketName: string, key: string): StoredObject {
    const object = this.bucket(bucketName).objects[key];
    if (!object) throw noSuchKey(key);
    return object;
  }

  /** Deleting a key that is not there succeeds, as on S3. */
  deleteObject(bucketName: string, key: string): void {
    delete this.bucket(bucketName).objects[key];
  }

  /** Keys in UTF-8 byte order, S3's listing order. */
  sortedKeys(bucketName: string): string[] {
    return Object.keys(this.bucket(bucketName).objects).sort(compareKeys);
  }

  putBucketTagging(bucketName: string, tags: Tag[]): void {
    const bucket = this.bucket(bucketName);
    const keys = new Set<string>();
    for (const tag of tags) {
      if (tag.Key.startsWith('aws:')) throw invalidTag('System tags cannot be added/updated by requester');
      if (keys.has(tag.Key)) throw invalidTag('Cannot provide multiple Tags with the same key');
      keys.add(tag.Key);
    }
    bucket.tags = tags.map(({ Key, Value }) => ({ Key, Value }));
  }

  bucketTagging(bucketName: string): Tag[] {
    const bucket = this.bucket(bucketName);
    if (!bucket.tags) throw noSuchTagSet(bucketName);
    return bucket.tags;
  }

  deleteBucketTagging(bucketName: string): void {
    delete this.bucket(bucketName).tags;
  }

  /** JSON-able: object bytes as base64. */
  snapshot(): unknown {
    const buckets: Record<string, unknown> = {};
    for (const [name, bucket] of Object.entries(this.buckets)) {
      const objects: Record<string, unknown> = {};
      for (const [key, object] of Object.entries(bucket.objects)) objects[key] = { ...object, body: object.body.toString('base64') };
      buckets[name] = { ...bucket, objects };
    }
    return { buckets };
  }

  restore(state: unknown): void {
    const saved = (state as { buckets?: Record<string, Bucket & { objects: Record<string, StoredObject & { body: string }> }> }).buckets ?? {};
    this.buckets = {};
    for (const [name, bucket] of Object.entries(saved)) {
      const objects: Record<string, StoredObject> = {};
      for (const [key, object] of Object.entries(bucket.objects)) objects[key] = { ...object, body: Buffer.from(object.body, 'base64') };
      this.buckets[name] = { ...bucket, objects };
    }
  }
}

export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
