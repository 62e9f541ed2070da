/**
 * One page of a ListObjectsV2 listing. Keys under the prefix are grouped at the first
 * delimiter after it into common prefixes, each counting once toward MaxKeys; a page
 * ends after MaxKeys entries, and the continuation token names the last entry returned,
 * so the next page resumes after it (after the whole group when it was a common prefix).
 */
import { invalidArgument } from './errors.js';
import { compareKeys } from './state.js';

export interface ListRequest {
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  startAfter?: string;
  continuationToken?: string;
}

export interface ListPage {
  keys: string[];
  commonPrefixes: string[];
  isTruncated: boolean;
  nextContinuationToken?: string;
}

const TOKEN_TAG = 'lab-s3-list:';

export function listPage(sortedKeys: readonly string[], request: ListRequest): ListPage {
  const resumeAfter = request.continuationToken === undefined ? request.startAfter : decodeToken(request.continuationToken);
  const page: ListPage = { keys: [], commonPrefixes: [], isTruncated: false };
  let lastEntry: string | undefined;
  for (const key of sortedKeys) {
    if (!key.startsWith(request.prefix)) continue;
    const commonPrefix = commonPrefixOf(key, request.prefix, request.delimiter);
    const entry = commonPrefix ?? key;
    if (resumeAfter !== undefined && compareKeys(entry, resumeAfter) <= 0) continue;
    if (entry === lastEntry) continue;
    if (page.keys.length + page.commonPrefixes.length >= request.maxKeys) {
      page.isTruncated = lastEntry !== undefined;
      if (page.isTruncated) page.nextContinuationToken = encodeToken(lastEntry!);
      break;
    }
    if (commonPrefix === undefined) page.keys.push(key);
    else page.commonPrefixes.push(commonPrefix);
    lastEntry = entry;
  }
  return page;
}

/** The key up to and including the first delimiter after the listing prefix, if any. */
function commonPrefixOf(key: string, prefix: string, delimiter: string | undefined): string | undefined {
  const at = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
  return at < 0 ? undefined : key.slice(0, at + delimiter!.length);
}

function encodeToken(after: string): string {
  return Buffer.from(TOKEN_TAG + after).toString('base64');
}

function decodeToken(token: string): string {
  const text = Buffer.from(token, 'base64').toString('utf8');
  if (!text.startsWith(TOKEN_TAG)) {
    throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  }
  return text.slice(TOKEN_TAG.length);
}
