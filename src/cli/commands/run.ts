/** `lab run <lab>`: connects to the target and hands the lab to the runner. */
import { connectTarget } from '../../aws/target.js';
import { Ledger } from '../../ledger/ledger.js';
import { ledgerPath } from '../../ledger/paths.js';
import { runLab } from '../../runner/run-lab.js';
import { StepsSyntaxError } from '../../runner/select-steps.js';
import { outputSettings } from '../output-settings.js';
import type { GlobalOptions } from '../global-options.js';
import { labNamed } from '../lab-named.js';
import { EXIT_USAGE, type CommandIo } from '../io.js';

interface RunOptions extends GlobalOptions {
  yes?: boolean;
  steps?: string;
  dryRun?: boolean;
}

export async function run(options: RunOptions, args: string[], io: CommandIo): Promise<number> {
  const lab = await labNamed(args[0], 'run', io);
  if (!lab) return EXIT_USAGE;
  const output = outputSettings(options, io);
  const interactive = !options.yes && !options.dryRun && Boolean(io.stdin.isTTY) && !io.env.CI;
  const target = await connectTarget(options, io.env);
  try {
    const settings: Record<string, string> = {
      Target: target.description,
      Region: `${target.region}${options.region ? ' (--region)' : ''}`,
      Profile: options.profile ?? io.env.AWS_PROFILE ?? (target.kind === 'aws' ? 'default' : 'none: the sandbox takes any credentials'),
      Output: `${output.output}${options.output ? ' (--output)' : io.env.AWS_DEFAULT_OUTPUT ? ' (AWS_DEFAULT_OUTPUT)' : ' (default)'}`,
      Query: options.query ?? 'none',
      Credentials: target.kind === 'aws' ? 'from the standard chain (never shown)' : 'fixed sandbox credentials',
    };
    return await runLab({
      lab,
      target,
      ledger: new Ledger(ledgerPath(target.key, io.env)),
      ...(options.steps === undefined ? {} : { steps: options.steps }),
      dryRun: Boolean(options.dryRun),
      interactive,
      output,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      terminal: io.terminal.isTTY,
      color: output.color,
      settings,
      debug: Boolean(options.debug),
    });
  } catch (error) {
    if (!(error instanceof StepsSyntaxError)) throw error;
    io.stderr.write(`lab run: ${error.message}\n`);
    return EXIT_USAGE;
  } finally {
    await target.close();
  }
}
