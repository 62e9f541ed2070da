/** The `lab` command as a separate process, the way a learner runs it, without blocking this one. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const LAB_BIN = fileURLToPath(new URL('../../../bin/lab.js', import.meta.url));

export interface LabResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface LabProcess {
  child: ChildProcess;
  done: Promise<LabResult>;
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
}

export function startLab(args: string[], env: Record<string, string>): LabProcess {
  const child = spawn(process.execPath, [LAB_BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  let stdout = '';
  let stderr = '';
  let both = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    both += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    both += chunk.toString();
  });
  const done = new Promise<LabResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done, output: () => both };
}

export function lab(args: string[], env: Record<string, string>): Promise<LabResult> {
  return startLab(args, env).done;
}
