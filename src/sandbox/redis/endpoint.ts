/**
 * A replication group's primary or reader endpoint. On AWS these are DNS names whose
 * CNAME follows the primary (or the replicas) through a failover; here each is a loopback
 * port owned by the sandbox that forwards every connection to the node currently in that
 * role. When the role moves, open connections are closed, as a failed-over primary drops
 * them on AWS, and clients reconnect to the new node through the same address.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { LOOPBACK } from './node.js';

export class Endpoint {
  private targets: number[] = [];
  private next = 0;
  private readonly open = new Map<Socket, { upstream: Socket; target: number }>();

  private constructor(private readonly server: Server, readonly port: number) {
    server.on('connection', (socket) => this.forward(socket));
  }

  /** Listens on `preferredPort` when it is free, else on any free port. */
  static async listen(preferredPort?: number): Promise<Endpoint> {
    const server = createServer({ noDelay: true });
    const port = await listenOn(server, preferredPort ?? 0).catch((error: NodeJS.ErrnoException) => {
      if (preferredPort === undefined || error.code !== 'EADDRINUSE') throw error;
      return listenOn(server, 0);
    });
    return new Endpoint(server, port);
  }

  /** The node ports connections go to (round robin); connections to any other node are closed. */
  route(ports: readonly number[]): void {
    this.targets = [...ports];
    for (const [socket, { upstream, target }] of this.open) {
      if (!this.targets.includes(target)) {
        socket.destroy();
        upstream.destroy();
      }
    }
  }

  /** Stops listening and closes every forwarded connection. */
  close(): void {
    this.server.close();
    for (const [socket, { upstream }] of this.open) {
      socket.destroy();
      upstream.destroy();
    }
    this.open.clear();
  }

  private forward(socket: Socket): void {
    const target = this.targets[this.next++ % Math.max(this.targets.length, 1)];
    if (target === undefined) {
      socket.destroy();
      return;
    }
    const upstream = connect({ host: LOOPBACK, port: target, noDelay: true });
    this.open.set(socket, { upstream, target });
    const end = () => {
      this.open.delete(socket);
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    socket.pipe(upstream);
    upstream.pipe(socket);
  }
}

function listenOn(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}
