/** `lab sandbox start` as a learner runs it: a real process on a free loopback port. */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LAB_BIN = fileURLToPath(new URL('../../bin/lab.js', import.meta.url));

export interface RunningSandbox {
  url: string;
  output: () => string;
  /** Ctrl-C, as a learner stops it; resolves with the exit code. */
  stop: () => Promise<number | null>;
}

export async function startLabSandbox(): Promise<RunningSandbox> {
  const port = await freePort();
  const stateDir = await mkdtemp(join(tmpdir(), 'lab-sandbox-state-'));
  const child = spawn(process.execPath, [LAB_BIN, 'sandbox', 'start', '--port', String(port), '--state-dir', stateDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LAB_CONFIG_DIR: stateDir },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`lab sandbox start exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/_lab/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`lab sandbox start did not answer on ${url} within 20 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
