/** A real redis-server on a free loopback port for one test file, with nothing saved to disk. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { findRedisServer } from '../../src/sandbox/redis/binary.js';

export interface RedisServer {
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startRedisServer(...config: string[]): Promise<RedisServer> {
  const port = await freePort();
  const child = spawn(findRedisServer(), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...config], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited ${code}: ${out}`)));
  });
  return {
    port,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
