/**
 * Formatting one large response in every output mode: lab's renderDocument against the
 * AWS CLI's own formatter on the same document, both timed in-process around the
 * formatting alone (parsing is its own figure), and their outputs compared byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJsonDocument } from '../../src/output/parse-json.js';
import { OUTPUT_MODES, renderDocument } from '../../src/output/render.js';
import type { BenchEntry, Comparison } from '../harness.js';
import { AWS_CLI_PYTHON, PROJECT_ROOT } from '../paths.js';
import { movieScanResponse } from '../scan-response.js';
import { median } from '../../src/bench/percentiles.js';

const ITEMS = 10_000;
const LAB_RUNS = 5;
/** The CLI takes seconds per mode here; three runs give a median without a long wait. */
const CLI_RUNS = 3;
const COLUMNS = 80;

interface CliTimings {
  parse: number[];
  [mode: string]: number[] | { seconds: number[]; sha256: string };
}

function timeLab(run: () => string): { seconds: number[]; output: string } {
  run(); // untimed: lets the JIT compile the formatter, as it has in a long lab run
  const seconds: number[] = [];
  let output = '';
  for (let index = 0; index < LAB_RUNS; index++) {
    const started = performance.now();
    output = run();
    seconds.push((performance.now() - started) / 1000);
  }
  return { seconds, output };
}

async function timeCli(text: string): Promise<CliTimings | string> {
  if (!existsSync(AWS_CLI_PYTHON)) return `${AWS_CLI_PYTHON} is absent`;
  const directory = await mkdtemp(join(tmpdir(), 'lab-bench-'));
  try {
    const document = join(directory, 'scan.json');
    await writeFile(document, text);
    const script = join(PROJECT_ROOT, 'bench', 'aws_cli_format.py');
    const result = spawnSync(AWS_CLI_PYTHON, [script, document, String(CLI_RUNS), ...OUTPUT_MODES], {
      encoding: 'utf8',
      env: { ...process.env, COLUMNS: String(COLUMNS) },
      maxBuffer: 16 * 1024 * 1024,
    });
    if (result.status !== 0) return `the AWS CLI formatter failed: ${result.stderr.trim().split('\n').pop()}`;
    return JSON.parse(result.stdout) as CliTimings;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export const formatScan: BenchEntry = {
  name: 'format-scan',
  about: `a ${ITEMS.toLocaleString('en')}-item DynamoDB Scan response (Movies) in each --output mode, formatting only`,
  run: async () => {
    const text = movieScanResponse(ITEMS);
    const cli = await timeCli(text);
    const reference = typeof cli === 'string' ? undefined : cli;
    const parse = timeLab(() => {
      parseJsonDocument(text);
      return '';
    });
    const document = parseJsonDocument(text);
    const comparisons: Comparison[] = [{ figure: 'parse', lab: parse.seconds, ...(reference ? { reference: reference.parse } : {}) }];
    for (const mode of OUTPUT_MODES) {
      const lab = timeLab(() => renderDocument(document, 'Scan', { output: mode, columns: COLUMNS, color: false }));
      const timings = reference?.[mode] as { seconds: number[]; sha256: string } | undefined;
      if (!timings) {
        comparisons.push({ figure: mode, lab: lab.seconds });
        continue;
      }
      comparisons.push({
        figure: mode,
        lab: lab.seconds,
        reference: timings.seconds,
        goal: { text: 'lab faster than the AWS CLI', met: median(lab.seconds) < median(timings.seconds) },
        ...(sha256(lab.output) === timings.sha256 ? {} : { note: 'OUTPUT DIFFERS from the AWS CLI' }),
      });
    }
    return {
      reference:
        typeof cli === 'string'
          ? `none: ${cli}`
          : `awscli.formatter in one ${AWS_CLI_PYTHON} process (json.loads once, then each mode into io.StringIO), ${CLI_RUNS} runs`,
      comparisons,
      notes: [
        `document: ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB of JSON; tables ${COLUMNS} columns wide, no colour; lab runs after one untimed warm-up`,
        ...(reference ? ['every mode printed the same bytes as the AWS CLI unless noted'] : []),
      ],
    };
  },
};
