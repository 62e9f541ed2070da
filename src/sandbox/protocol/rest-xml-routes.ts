/**
 * Which S3 operation a REST request names. The schemas' `http` traits give
 * `[method, "/{Key+}?x-id=GetObject", code]` but leave the bucket out (the SDK puts it in
 * the endpoint), so a request is first split into bucket, key and query, path style
 * (`/bucket/key`) or virtual-host style (`bucket.localhost/key`), then matched against
 * every operation the client ships: same method, a key when the route has `{Key+}`, a
 * bucket when the input has one, the route's fixed query keys (`?tagging`, `list-type=2`)
 * and the input's required headers and query (CopyObject's `x-amz-copy-source`). The most
 * specific match wins. `x-id` is ignored: the SDK sends it, the AWS CLI does not.
 */
import { NormalizedSchema } from '@smithy/core/schema';
import { AwsError } from '../errors.js';
import type { HttpRequest } from './codec.js';
import type { SchemaRef } from './rest-xml-output.js';
import { requiredCount } from './required.js';
import { pathOf, queryString } from './credential-scope.js';

/** Where a request points in S3's namespace. */
export interface S3Address {
  bucket?: string;
  key?: string;
  query: URLSearchParams;
}

interface Route {
  operation: string;
  method: string;
  hasKey: boolean;
  hasBucket: boolean;
  /** Fixed query keys with their value ('' when any value will do). */
  query: Array<[string, string]>;
  requiredQuery: string[];
  requiredHeaders: string[];
}

const routeTables = new WeakMap<Record<string, unknown>, Route[]>();

export function routeOperation(request: HttpRequest, client: Record<string, unknown>): string | undefined {
  const address = s3Address(request);
  let best: Route | undefined;
  let bestScore = -1;
  for (const route of routesOf(client)) {
    if (!matches(route, request, address)) continue;
    const score = route.query.length + route.requiredQuery.length + route.requiredHeaders.length;
    if (score > bestScore) [best, bestScore] = [route, score];
  }
  return best?.operation;
}

/** The bucket, key and query of a request, from its Host header and path. */
export function s3Address(request: HttpRequest): S3Address {
  const query = new URLSearchParams(queryString(request.url));
  const segments = pathOf(request.url).slice(1);
  const hostBucket = virtualHostBucket(request.headers['host'] ?? '');
  if (hostBucket !== undefined) return { bucket: hostBucket, key: decodeKey(segments), query };
  const slash = segments.indexOf('/');
  const bucket = slash < 0 ? segments : segments.slice(0, slash);
  if (bucket === '') return { query };
  return { bucket: decodePathSegment(bucket), key: slash < 0 ? undefined : decodeKey(segments.slice(slash + 1)), query };
}

/** `bucket.localhost:4566`, `bucket.s3.amazonaws.com`, `bucket.s3.us-east-1.localhost`. */
function virtualHostBucket(host: string): string | undefined {
  const hostname = host.replace(/:\d+$/, '');
  const match = /^(.+?)\.s3[.-]/.exec(hostname) ?? /^(.+)\.localhost$/.exec(hostname);
  return match?.[1];
}

function decodeKey(encoded: string): string | undefined {
  return encoded === '' ? undefined : decodePathSegment(encoded);
}

/** A path with a broken percent-escape (`/%zz`) is S3's InvalidURI, not a server fault. */
function decodePathSegment(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new AwsError('InvalidURI', "Couldn't parse the specified URI.");
  }
}

function matches(route: Route, request: HttpRequest, address: S3Address): boolean {
  if (route.method !== request.method) return false;
  if (route.hasKey !== (address.key !== undefined)) return false;
  if (route.hasBucket !== (address.bucket !== undefined)) return false;
  for (const [key, value] of route.query) {
    const actual = address.query.get(key);
    if (actual === null || (value !== '' && actual !== value)) return false;
  }
  const xId = address.query.get('x-id');
  if (xId !== null && xId !== route.operation) return false;
  return route.requiredQuery.every((key) => address.query.has(key))
    && route.requiredHeaders.every((header) => request.headers[header] !== undefined);
}

function routesOf(client: Record<string, unknown>): Route[] {
  let routes = routeTables.get(client);
  if (!routes) {
    routes = buildRoutes(client);
    routeTables.set(client, routes);
  }
  return routes;
}

type OperationTuple = [9, string, string, { http?: [string, string, number] }, SchemaRef, SchemaRef];

function buildRoutes(client: Record<string, unknown>): Route[] {
  const routes: Route[] = [];
  for (const [exportName, value] of Object.entries(client)) {
    if (!exportName.endsWith('$') || !isOperation(value) || !value[3].http) continue;
    const [method, uri] = value[3].http;
    const [path, search = ''] = uri.split('?');
    const input = NormalizedSchema.of(value[4]);
    const route: Route = {
      operation: value[2],
      method,
      hasKey: path!.includes('{Key+}'),
      hasBucket: false,
      query: [...new URLSearchParams(search)].filter(([key]) => key !== 'x-id'),
      requiredQuery: [],
      requiredHeaders: [],
    };
    const required = input.isStructSchema() ? requiredCount(input) : 0;
    let index = 0;
    for (const [name, member] of input.isStructSchema() ? input.structIterator() : []) {
      const traits = member.getMergedTraits();
      if (name === 'Bucket' && traits.httpLabel) route.hasBucket = true;
      if (index++ >= required) continue;
      if (typeof traits.httpHeader === 'string') route.requiredHeaders.push(traits.httpHeader.toLowerCase());
      if (typeof traits.httpQuery === 'string') route.requiredQuery.push(traits.httpQuery);
    }
    routes.push(route);
  }
  return routes;
}

function isOperation(value: unknown): value is OperationTuple {
  return Array.isArray(value) && value[0] === 9;
}
