/** A free loopback port, for a server that cannot itself be told "any port" (redis-server, dynalite's CLI). */
import { createServer } from 'node:net';
const LOOPBACK = '127.0.0.1';

/** `preferred` when nothing listens there (a node restarted on its old port), else any free one. */
export async function freePort(preferred?: number): Promise<number> {
  if (preferred !== undefined && (await tryPort(preferred)) !== undefined) return preferred;
  const port = await tryPort(0);
  if (port === undefined) throw new Error('no free loopback port');
  return port;
}

function tryPort(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, LOOPBACK, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}
