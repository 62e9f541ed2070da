/** `lab --help` from a cold process: what every learner pays before anything else happens. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { seconds, type BenchEntry } from '../harness.js';
import { median } from '../../src/bench/percentiles.js';
import { AWS_CLI, LAB_BIN } from '../paths.js';

const SPAWNS = 15;
const GOAL_SECONDS = 0.2;

function wallTimes(command: string, args: string[]): number[] {
  const times: number[] = [];
  for (let run = 0; run < SPAWNS; run++) {
    const started = performance.now();
    const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const elapsed = (performance.now() - started) / 1000;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
    times.push(elapsed);
  }
  return times;
}

export const coldStart: BenchEntry = {
  name: 'cold-start',
  about: `wall time of ${SPAWNS} spawns of 'node bin/lab.js --help'`,
  run: async () => {
    const lab = wallTimes(process.execPath, [LAB_BIN, '--help']);
    // Node's own start-up, so the figure shows how much of it is lab's; on a busy machine both grow.
    const node = median(wallTimes(process.execPath, ['-e', '0']));
    const hasAws = existsSync(AWS_CLI);
    return {
      reference: hasAws ? `${AWS_CLI} --version, ${SPAWNS} spawns` : `none: ${AWS_CLI} is absent (Debian package awscli)`,
      comparisons: [
        {
          figure: 'lab --help',
          lab,
          ...(hasAws ? { reference: wallTimes(AWS_CLI, ['--version']) } : {}),
          goal: { text: `lab median < ${GOAL_SECONDS} s`, met: median(lab) < GOAL_SECONDS },
        },
      ],
      notes: [`node -e 0 alone: ${seconds(node)} median, so lab's own share is about ${seconds(Math.max(0, median(lab) - node))}`],
    };
  },
};
