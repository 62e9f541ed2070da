/**
 * A call that got no HTTP answer at all: refused, reset, timed out, or a name that does not
 * resolve. The AWS CLI calls this EndpointConnectionError and says `Could not connect to the
 * endpoint URL`; lab says the same, and what to do about it on this target.
 */
import type { TargetFacts } from '../aws/target.js';

/** Node's codes for a request that never reached a server; ECONNREFUSED and name failures prove nothing was sent. */
const NOTHING_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const NO_ANSWER = new Set([...NOTHING_SENT, 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'TimeoutError']);

export interface ConnectionFailure {
  message: string;
  hint: string;
  /** Whether the request surely never reached AWS, so nothing it would create exists. */
  nothingSent: boolean;
}

/** The failure, when `error` is a connection failure; undefined for anything else. */
export function connectionFailure(error: unknown, target: TargetFacts, endpointUrl: string | undefined): ConnectionFailure | undefined {
  const { code, name, message = '', hostname } = error as { code?: string; name?: string; message?: string; hostname?: string };
  const reason = code ?? name ?? '';
  if (!NO_ANSWER.has(reason)) return undefined;
  const where = endpointUrl !== undefined ? `${endpointUrl}/` : `https://${hostname ?? `the ${target.region} endpoint`}/`;
  const hint =
    target.kind === 'aws'
      ? `check this machine's network connection and any proxy (HTTPS_PROXY), and that the service exists in ${target.region}.`
      : target.kind === 'sandbox'
        ? 'the embedded sandbox stopped answering; run the lab again (lab doctor checks the sandbox port).'
        : `nothing answers at ${endpointUrl}. For a lab sandbox there, start one in another terminal (lab sandbox start --port ${portOf(endpointUrl)}), or leave out --endpoint-url to use the embedded one; otherwise check the address.`;
  return { message: `Could not connect to the endpoint URL: "${where}" (${message || reason})`, hint, nothingSent: NOTHING_SENT.has(reason) };
}

function portOf(url: string | undefined): string {
  try {
    const parsed = new URL(url ?? '');
    return parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  } catch {
    return '4566';
  }
}
