/**
 * The options every command shares, named as AWS CLI v2 names them, and how each resolves
 * from flags, environment and terminal into the settings the rest of the program uses.
 */
import { Option } from 'commander';
import { OUTPUT_MODES, type OutputMode } from '../output/modes.js';

export const COLOR_CHOICES = ['on', 'off', 'auto'] as const;
export type ColorChoice = (typeof COLOR_CHOICES)[number];
export const TARGETS = ['sandbox', 'aws'] as const;
export type TargetKind = (typeof TARGETS)[number];

/** Options as commander hands them over (`command.optsWithGlobals()`). */
export interface GlobalOptions {
  output?: OutputMode;
  query?: string;
  profile?: string;
  region?: string;
  endpointUrl?: string;
  color: ColorChoice;
  debug?: boolean;
  target?: TargetKind;
}

export function globalOptions(): Option[] {
  return [
    new Option('--output <mode>', 'output format, as in the AWS CLI (default: $AWS_DEFAULT_OUTPUT, else json for AWS responses and table for list, status and cleanup)').choices(OUTPUT_MODES),
    new Option('--query <expression>', 'JMESPath query applied to each response, as `aws --query` does'),
    new Option('--profile <name>', 'AWS named profile (implies --target aws)'),
    new Option('--region <region>', 'AWS region (default: $AWS_REGION, the profile, or us-east-1 on the sandbox)'),
    new Option('--endpoint-url <url>', 'send AWS calls to this endpoint instead (LocalStack, moto, a running `lab sandbox`)'),
    new Option('--color <when>', 'colour in output; NO_COLOR turns auto off').choices(COLOR_CHOICES).default('auto'),
    new Option('--debug', 'log what lab does to stderr (credentials and signatures redacted)'),
    new Option('--target <kind>', 'where labs run: the local sandbox (free, default) or your AWS account').choices(TARGETS),
  ];
}

/** Whether the learner chose a format (--output or a --query to apply): lab's own reports then print as documents, as the CLI prints one. */
export function formatChosen(options: GlobalOptions): boolean {
  return options.output !== undefined || options.query !== undefined;
}

export function resolveOutputMode(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): OutputMode {
  if (options.output) return options.output;
  const fromEnv = env.AWS_DEFAULT_OUTPUT;
  return (OUTPUT_MODES as readonly string[]).includes(fromEnv ?? '') ? (fromEnv as OutputMode) : 'json';
}

export interface Terminal {
  isTTY: boolean;
  columns: number | undefined;
}

export function stdoutTerminal(): Terminal {
  return { isTTY: Boolean(process.stdout.isTTY), columns: process.stdout.columns };
}

/** Table width: $COLUMNS when set, else the terminal's width, else 80 as the CLI uses off a terminal. */
export function resolveColumns(terminal: Terminal, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number.parseInt(env.COLUMNS ?? '', 10);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  if (terminal.isTTY && terminal.columns) return terminal.columns;
  return 80;
}

/** `auto` colours only a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function resolveColor(choice: ColorChoice, terminal: Terminal, env: NodeJS.ProcessEnv = process.env): boolean {
  if (choice === 'on') return true;
  if (choice === 'off') return false;
  return terminal.isTTY && !env.NO_COLOR;
}
