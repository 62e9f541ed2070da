/**
 * What lab knows about one kind of AWS resource: which call creates it and how to tag that
 * call, where its id is in the response, what it lives in or uses (which must outlive it), and how to
 * delete it and wait until it is gone. `ctx.call` uses the first half to fill the ledger;
 * `lab cleanup` uses the second half to empty it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ClientPool } from '../aws/clients.js';
import { awsErrorCode } from '../aws/error-code.js';
import type { ResourceRecord } from '../ledger/ledger.js';

export interface Tag {
  Key: string;
  Value: string;
}

/** One resource a create call made, as the ledger keeps it. */
export interface CreatedResource {
  resourceId: string;
  /** What deleting it needs besides its id: the user an access key belongs to. */
  attributes?: Record<string, string>;
}

export type Input = Record<string, unknown>;
// SDK responses are read field by field in each type's `created`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Output = any;

export interface ResourceType {
  /** `ec2:vpc`: the service's CLI name and the resource in AWS's words. */
  readonly name: string;
  /** Singular, as a learner reads it in the cleanup plan: `VPC`. */
  readonly title: string;
  /** The operation that creates it (`CreateVpc`), of the service whose descriptor lists this type. */
  readonly createdBy: string;
  /**
   * Types it lives in or uses, which must outlive it: a subnet dependsOn its VPC, so every
   * subnet is deleted before any VPC. The child declares it, so a new service's types order
   * themselves without editing the types they sit in.
   */
  readonly dependsOn: readonly string[];
  /** The input member that makes a create idempotent, where the API has one. */
  readonly clientTokenMember?: string;
  /** What it costs per hour on AWS while it lives; absent when free or billed per request. */
  hourlyCostUsd?(record: ResourceRecord): number;
  /** Adds the run's tags to a create's input in the form its API takes; absent when it takes none. */
  addTags?(input: Input, tags: Tag[]): void;
  /** The resources a successful create made (RunInstances can make several). */
  created(output: Output, input: Input): CreatedResource[];
  /** Deletes it and waits until AWS no longer has it; "not found" must resolve, not throw. */
  delete(record: ResourceRecord, clients: ClientPool, wait: WaitOptions): Promise<void>;
  /** Finds resources carrying these tags, for `lab cleanup --scan`. */
  scan?(clients: ClientPool, tags: Tag[]): Promise<CreatedResource[]>;
  /** What the create's input already says about the resource (a bucket's name), kept with the intent. */
  intentAttributes?(input: Input): Record<string, string>;
  /**
   * After a crash between a create call and the ledger learning its id: what that call
   * made, found by the run's tags, or by name and a creation time after the intent; [] when
   * it made nothing. `known` holds the ids the ledger already has, which are not this intent's.
   */
  resolveIntent?(record: ResourceRecord, clients: ClientPool, known: ReadonlySet<string>): Promise<CreatedResource[]>;
}

/** `addTags` for APIs that take a plain `Tags` list (SNS, IAM): the run's tags win over the step's own. */
export function appendTags(input: Input, tags: Tag[]): void {
  const own = ((input.Tags as Tag[] | undefined) ?? []).filter((tag) => !tags.some((added) => added.Key === tag.Key));
  input.Tags = [...own, ...tags];
}

/** Resolves an intent by the run's `lab:run` tag, for types whose create call tags what it makes. */
export function byRunTag(scan: NonNullable<ResourceType['scan']>): NonNullable<ResourceType['resolveIntent']> {
  return async (record, clients, known) =>
    (await scan(clients, [{ Key: 'lab:run', Value: record.run }])).filter((found) => !known.has(found.resourceId));
}

// Clocks of this machine and AWS may differ by a little; a resource made this long before its intent is not ours.
const CLOCK_SKEW_MS = 30_000;

/** Whether a resource's creation time shows it was made by the call this intent recorded. */
export function createdAfterIntent(record: ResourceRecord, created: Date | string | undefined): boolean {
  if (created === undefined) return false;
  return new Date(created).getTime() >= new Date(record.createdAt).getTime() - CLOCK_SKEW_MS;
}

export interface WaitOptions {
  /** Poll interval and overall limit for resources that take a while to go. */
  pollMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** AWS error codes that mean "already gone", so deleting again is done, not failed. */
const NOT_FOUND = /NotFound|^NoSuch|\.Malformed$/;

export function isNotFound(error: unknown): boolean {
  return NOT_FOUND.test(awsErrorCode(error));
}

/** Runs a delete call, counting "not found" as done. */
export async function ignoreNotFound(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const deletion = deletionInProgress.getStore();
    if (deletion) deletion.foundGone = true;
  }
}

/**
 * The deletion `lab cleanup` is running, so that a type's delete, which only awaits its
 * calls, still tells it that AWS had nothing to delete (the learner removed it by hand):
 * the report says "already gone" rather than "deleted".
 */
export const deletionInProgress = new AsyncLocalStorage<{ foundGone: boolean }>();

/** Polls until `gone()` says so, or fails with what it was waiting for. */
export async function waitUntilGone(what: string, gone: () => Promise<boolean>, wait: WaitOptions): Promise<void> {
  const deadline = Date.now() + wait.timeoutMs;
  while (!(await gone())) {
    if (wait.signal?.aborted) throw new Error(`stopped waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`${what} was still there after ${Math.round(wait.timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, wait.pollMs));
  }
}
