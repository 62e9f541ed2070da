import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import { test } from 'node:test';
import { checkNodeVersion } from '../../src/doctor/node-version.js';
import { checkRedisServer } from '../../src/doctor/redis-server.js';
import { checkSandboxPort } from '../../src/doctor/sandbox-port.js';
import { tempHome } from './helpers.js';

async function listening<T extends Server>(server: T): Promise<{ port: number; close: () => Promise<void> }> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('Node 20 and newer pass; older Node fails with how to upgrade', () => {
  assert.equal(checkNodeVersion('20.0.0').status, 'ok');
  assert.equal(checkNodeVersion('22.11.0').status, 'ok');
  const old = checkNodeVersion('18.19.1');
  assert.equal(old.status, 'fail');
  assert.equal(old.required, true);
  assert.match(old.detail, /v18\.19\.1; lab needs 20 or newer/);
  assert.match(old.fix!, /nvm install 20/);
});

test('a free port is ok for the sandbox', async () => {
  const { port, close } = await listening(createTcpServer());
  await close();
  const result = await checkSandboxPort(port);
  assert.deepEqual(result, { name: 'sandbox port', status: 'ok', required: true, detail: `127.0.0.1:${port} is free for the sandbox` });
});

test('a port held by an HTTP server looks like a running sandbox, and another port is offered', async () => {
  const { port, close } = await listening(
    createHttpServer((_request, response) => {
      response.setHeader('Server', 'lab-sandbox-test');
      response.end('{}');
    }),
  );
  try {
    const result = await checkSandboxPort(port);
    assert.equal(result.status, 'warn');
    assert.match(result.detail, new RegExp(`^127\\.0\\.0\\.1:${port}: in use by an HTTP server \\(GET / answered 200, Server: lab-sandbox-test\\): likely a running lab sandbox`));
    assert.match(result.detail, /other loopback ports bind \(e\.g\. \d+\)/);
    assert.match(result.fix!, /lab sandbox start --port \d+/);
  } finally {
    await close();
  }
});

test('a port held by something that is not HTTP says so', async () => {
  const { port, close } = await listening(createTcpServer((socket) => socket.destroy()));
  try {
    const result = await checkSandboxPort(port);
    assert.equal(result.status, 'warn');
    assert.match(result.detail, /in use by something that is not an HTTP server \(ECONNRESET\)/);
    assert.match(result.fix!, new RegExp(`lsof -i :${port}`));
  } finally {
    await close();
  }
});

test('on --target aws a busy sandbox port is not required', async () => {
  const { port, close } = await listening(createTcpServer((socket) => socket.destroy()));
  try {
    const result = await checkSandboxPort(port, false);
    assert.equal(result.required, false);
    assert.equal(result.status, 'warn');
  } finally {
    await close();
  }
});

test('without redis-server on PATH: a warning with install commands for each platform', async () => {
  const { home, cleanup } = await tempHome();
  try {
    const result = await checkRedisServer({ PATH: home });
    assert.equal(result.status, 'warn');
    assert.equal(result.required, false);
    assert.match(result.detail, /not found on PATH; only week8-day5 and week8-day6/);
    assert.match(result.fix!, /sudo apt-get install -y redis-server/);
    assert.match(result.fix!, /brew install redis/);
    assert.match(result.fix!, /docker run -p 6379:6379 redis/);
    assert.match(result.fix!, /LAB_REDIS_SERVER/);
  } finally {
    await cleanup();
  }
});

test('LAB_REDIS_SERVER wins over PATH, and its version is printed', async () => {
  const { home, cleanup } = await tempHome({
    'bin/redis-server': '#!/bin/sh\necho "Redis server v=7.2.4 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=1234"\n',
  });
  try {
    const result = await checkRedisServer({ PATH: '', LAB_REDIS_SERVER: `${home}/bin/redis-server` });
    assert.deepEqual(result, {
      name: 'redis-server',
      status: 'ok',
      required: false,
      detail: `Redis 7.2.4 (LAB_REDIS_SERVER=${home}/bin/redis-server)`,
    });
  } finally {
    await cleanup();
  }
});

test('a redis-server found on PATH is run for its version', async () => {
  const { home, cleanup } = await tempHome({ 'redis-server': '#!/bin/sh\necho "Redis server v=6.0.16 sha=00000000:0"\n' });
  try {
    const result = await checkRedisServer({ PATH: `/nonexistent:${home}` });
    assert.equal(result.status, 'ok');
    assert.equal(result.detail, `Redis 6.0.16 (${home}/redis-server)`);
  } finally {
    await cleanup();
  }
});

test('LAB_REDIS_SERVER naming a missing file, or one that fails, warns', async () => {
  const { home, cleanup } = await tempHome({ 'broken-redis': '#!/bin/sh\necho oops >&2\nexit 3\n' });
  try {
    const missing = await checkRedisServer({ PATH: '', LAB_REDIS_SERVER: `${home}/nothing-here` });
    assert.equal(missing.status, 'warn');
    assert.equal(missing.detail, `LAB_REDIS_SERVER=${home}/nothing-here is not an executable file`);
    const broken = await checkRedisServer({ PATH: '', LAB_REDIS_SERVER: `${home}/broken-redis` });
    assert.equal(broken.status, 'warn');
    assert.match(broken.detail, /--version failed: Command failed/);
  } finally {
    await cleanup();
  }
});

test('the real redis-server, where installed', { skip: !existsSync('/usr/bin/redis-server') && 'no /usr/bin/redis-server' }, async () => {
  const result = await checkRedisServer({ PATH: '/usr/bin' });
  assert.equal(result.status, 'ok');
  assert.match(result.detail, /^Redis \d+\.\d+\.\d+ \(\/usr\/bin\/redis-server\)$/);
});
