/** What the doctor tests share: a captured io, a throwaway HOME, a scoped process.env, a local STS. */
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { CommandIo } from '../../src/cli/io.js';

export interface CapturedIo extends CommandIo {
  out: () => string;
  err: () => string;
}

export function captureIo(env: NodeJS.ProcessEnv = process.env): CapturedIo {
  const collect = (chunks: string[]): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdin: Readable.from([]),
    stdout: collect(stdout),
    stderr: collect(stderr),
    env,
    terminal: { isTTY: false, columns: undefined },
    out: () => stdout.join(''),
    err: () => stderr.join(''),
  };
}

/** A HOME holding these files (paths relative to it); removed by `cleanup`. */
export async function tempHome(files: Record<string, string> = {}): Promise<{ home: string; cleanup: () => Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), 'lab-doctor-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(home, path)), { recursive: true });
    await writeFile(join(home, path), text, { mode: 0o755 });
  }
  return { home, cleanup: () => rm(home, { recursive: true, force: true }) };
}

/**
 * Runs `body` with process.env replaced by `vars` plus PATH: the SDK's credential chain reads
 * process.env itself, so the test's environment has to be the process's.
 */
export async function withEnv<T>(vars: Record<string, string>, body: (env: NodeJS.ProcessEnv) => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) delete process.env[key];
  // No instance metadata lookups from a test: the chain's last resort stays off the network.
  Object.assign(process.env, { PATH: saved.PATH ?? '', AWS_EC2_METADATA_DISABLED: 'true' }, vars);
  try {
    return await body(process.env);
  } finally {
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

export const ACCESS_KEY_ID = 'AKIAIOSFODNN7DOCTOR1';
export const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYdoctorSECRET';
export const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEDoctorSessionTokenThatMustNeverPrint';

/** Every form in which a credential could leak: secret, token, and the full key id. */
export function assertNoSecrets(text: string, assert: { ok: (value: unknown, message?: string) => void }): void {
  for (const secret of [ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN]) assert.ok(!text.includes(secret), `printed ${secret}`);
}

/** An STS endpoint on loopback that answers GetCallerIdentity, or refuses it as AWS would. */
export async function localSts(answer: 'identity' | 'InvalidClientTokenId'): Promise<{ url: string; requests: IncomingMessage[]; close: () => Promise<void> }> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request);
    request.resume();
    request.on('end', () => {
      response.setHeader('Content-Type', 'text/xml');
      if (answer === 'identity') {
        response.end(
          '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
            '<Arn>arn:aws:iam::111122223333:user/learner</Arn><UserId>AIDAEXAMPLEUSERID</UserId><Account>111122223333</Account>' +
            '</GetCallerIdentityResult><ResponseMetadata><RequestId>4a1b2c3d-0000-0000-0000-000000000000</RequestId></ResponseMetadata>' +
            '</GetCallerIdentityResponse>',
        );
      } else {
        response.statusCode = 403;
        response.end(
          '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>' +
            '<Message>The security token included in the request is invalid.</Message></Error>' +
            '<RequestId>4a1b2c3d-0000-0000-0000-000000000001</RequestId></ErrorResponse>',
        );
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A loopback URL nothing listens on: the port was bound, then released. */
export async function closedUrl(): Promise<string> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
