/**
 * The service and region a request is for, read from its SigV4 credential scope
 * (`AKID/20260101/us-east-1/ec2/aws4_request`), in the Authorization header or, for
 * presigned URLs, the `X-Amz-Credential` query parameter. Signatures are not checked:
 * the sandbox accepts any credentials.
 */
import type { HttpRequest } from './codec.js';

export interface CredentialScope {
  region: string;
  service: string;
}

const SCOPE = /Credential=[^/,\s]*\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

export function credentialScope(request: HttpRequest): CredentialScope | undefined {
  const fromHeader = SCOPE.exec(request.headers['authorization'] ?? '');
  if (fromHeader) return { region: fromHeader[1]!, service: fromHeader[2]! };
  const query = queryString(request.url);
  if (query === '') return undefined;
  const credential = new URLSearchParams(query).get('X-Amz-Credential');
  const fromQuery = credential === null ? null : SCOPE.exec(`Credential=${credential}`);
  return fromQuery ? { region: fromQuery[1]!, service: fromQuery[2]! } : undefined;
}

export function queryString(url: string): string {
  const mark = url.indexOf('?');
  return mark < 0 ? '' : url.slice(mark + 1);
}

export function pathOf(url: string): string {
  const mark = url.indexOf('?');
  return mark < 0 ? url : url.slice(0, mark);
}
