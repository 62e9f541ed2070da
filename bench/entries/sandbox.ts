/**
 * The sandbox's own costs: how long `lab sandbox start` takes to answer its first AWS call,
 * and how close EC2 DescribeVpcs through the real SDK comes to the SDK's own ceiling (the
 * same client against a server that answers every request with one constant body).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateVpcCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { InProcessHandler } from '../../src/sandbox/in-process.js';
import { startSandbox } from '../../src/sandbox/server.js';
import type { BenchEntry } from '../harness.js';
import { LAB_BIN } from '../paths.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const STARTS = 8;
const CALLS = 2000;
const ROUNDS = 3;
const VPCS = 10;

export const sandboxStart: BenchEntry = {
  name: 'sandbox-start',
  about: `'lab sandbox start' spawned to its first answered DescribeVpcs, ${STARTS} times`,
  run: async () => {
    const times: number[] = [];
    for (let run = 0; run < STARTS; run++) times.push(await startToFirstCall());
    return { reference: 'none: a cold process, the sandbox, and one SDK call', comparisons: [{ figure: 'start to first call', lab: times }] };
  },
};

async function startToFirstCall(): Promise<number> {
  const stateDir = await mkdtemp(join(tmpdir(), 'lab-bench-sandbox-'));
  const started = performance.now();
  const child = spawn(process.execPath, [LAB_BIN, 'sandbox', 'start', '--port', '0', '--state-dir', stateDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Sandbox running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`lab sandbox start exited ${code}: ${out}`)));
    });
    const ec2 = new EC2Client({ endpoint: url, region: 'us-east-1', credentials });
    await ec2.send(new DescribeVpcsCommand({}));
    const elapsed = (performance.now() - started) / 1000;
    ec2.destroy();
    return elapsed;
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(stateDir, { recursive: true, force: true });
  }
}

export const sandboxDescribeVpcs: BenchEntry = {
  name: 'sandbox-describe-vpcs',
  about: `${CALLS} sequential EC2 DescribeVpcs (${VPCS + 1} VPCs) through the SDK, ${ROUNDS} rounds`,
  run: async () => {
    const sandbox = await startSandbox({ port: 0 });
    const http = new EC2Client({ endpoint: sandbox.url, region: 'us-east-1', credentials });
    for (let i = 0; i < VPCS; i++) await http.send(new CreateVpcCommand({ CidrBlock: `10.${i}.0.0/16` }));
    // The ceiling: the same response bytes, with no work behind them.
    const sample = await sandbox.router.handle({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ec2/aws4_request' },
      body: Buffer.from('Action=DescribeVpcs&Version=2016-11-15'),
    });
    const constant = createServer((request, response) => {
      request.on('data', () => undefined);
      request.on('end', () => response.writeHead(200, sample.headers).end(sample.body));
    });
    await new Promise<void>((resolve) => constant.listen(0, '127.0.0.1', resolve));
    const ceiling = new EC2Client({ endpoint: `http://127.0.0.1:${(constant.address() as AddressInfo).port}`, region: 'us-east-1', credentials });
    const inProcess = new EC2Client({ endpoint: sandbox.url, region: 'us-east-1', credentials, requestHandler: new InProcessHandler(sandbox.router) });
    const timed = async (client: EC2Client) => {
      const started = performance.now();
      for (let call = 0; call < CALLS; call++) await client.send(new DescribeVpcsCommand({}));
      return (performance.now() - started) / 1000;
    };
    await timed(http); // warm-up: JIT, sockets
    await timed(ceiling);
    const overHttp: number[] = [];
    const constantServer: number[] = [];
    const noSocket: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      overHttp.push(await timed(http));
      constantServer.push(await timed(ceiling));
      noSocket.push(await timed(inProcess));
    }
    for (const client of [http, ceiling, inProcess]) client.destroy();
    await new Promise((resolve) => constant.close(resolve));
    await sandbox.stop();
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const share = median(constantServer) / median(overHttp);
    return {
      reference: 'the same EC2Client against a server answering every request with one constant DescribeVpcs body (the SDK\'s own ceiling)',
      comparisons: [
        { figure: 'over HTTP', lab: overHttp, reference: constantServer, goal: { text: 'within 90% of the ceiling', met: share >= 0.9 }, note: `${Math.round(share * 100)}% of the ceiling; ${Math.round(CALLS / median(overHttp))} calls/s` },
        { figure: 'in-process handler', lab: noSocket, reference: constantServer, note: `${Math.round(CALLS / median(noSocket))} calls/s, no socket` },
      ],
    };
  },
};
