/**
 * Runs a lab: choose steps, then for each one show why it matters, ask (unless --yes),
 * call AWS through the step's context, and print the response. Ctrl-C at any moment stops
 * the current call; whatever was created is already in the ledger, and the exit message
 * says how to remove it.
 */
import { randomBytes } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { targetFacts, type Target } from '../aws/target.js';
import type { Ledger } from '../ledger/ledger.js';
import type { OutputSettings } from '../output/render.js';
import type { Lab, Step } from './lab.js';
import { Presenter } from './presenter.js';
import { parseStepList, withPrerequisites } from './select-steps.js';
import { AwsCallError, MissingOutputError, StepContext } from './step-context.js';
import { EarlierRuns } from './earlier-runs.js';
import { EXIT_INTERRUPTED } from './exit-codes.js';

export interface RunLabOptions {
  lab: Lab;
  target: Target;
  ledger: Ledger;
  /** `--steps 1,3-5`; absent means all, or the learner's choice when interactive. */
  steps?: string;
  dryRun: boolean;
  /** Ask before each step (a terminal, no --yes, not CI). */
  interactive: boolean;
  output: OutputSettings;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  terminal: boolean;
  color: boolean;
  /** What lab resolved for this run (target, region, profile, output), for steps that explain it. */
  settings: Record<string, string>;
  /** --debug: a line per AWS call on stderr. */
  debug?: boolean;
  /** Where files a lab leaves for the learner go (`ctx.writeArtifact`); `<config dir>/reports/` when absent. */
  artifactsDir?: string;
}

type Choice = 'run' | 'skip' | 'quit';
type AfterError = 'retry' | 'skip' | 'abort';

export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

export async function runLab(options: RunLabOptions): Promise<number> {
  const { lab, target, ledger } = options;
  const show = new Presenter({ stdout: options.stdout, stderr: options.stderr, terminal: options.terminal, color: options.color, output: options.output });
  const prompts = options.interactive ? await import('@inquirer/prompts') : undefined;
  const promptContext = { input: options.stdin, output: options.stderr, clearPromptOnDone: false };
  const ledgerData = await ledger.read();
  const outputs = structuredClone(ledgerData.outputs);
  const known = (stepId: string) => {
    const step = lab.steps.find((candidate) => candidate.id === stepId);
    return Boolean(step?.produces?.length) && step!.produces!.every((key) => outputs[lab.id]?.[key] !== undefined);
  };
  // What earlier runs left: steps already done, and values a step here will reuse rather than make.
  const earlier = new EarlierRuns(lab, ledgerData.outputs[lab.id] ?? {});

  let chosen: number[];
  if (options.steps !== undefined) chosen = parseStepList(options.steps, lab.steps.length);
  else if (prompts) {
    const picked = await prompts.checkbox<number>(
      { message: `Steps of ${lab.id} to run`, choices: lab.steps.map((step, index) => ({ name: `${index + 1}. ${step.title}${earlier.isDone(step) ? '  (done in an earlier run)' : ''}`, value: index, checked: !earlier.isDone(step) })), pageSize: 15 },
      promptContext,
    );
    chosen = picked;
  } else chosen = lab.steps.map((_, index) => index);
  const selection = withPrerequisites(lab.steps, chosen, known);
  for (const note of selection.notes) show.note(note);

  show.line(`${options.dryRun ? 'Dry run of' : 'Running'} ${lab.id} (${lab.title}) on ${target.description}.`);
  if (target.kind === 'sandbox' && !options.dryRun) {
    // The embedded sandbox stops with lab, and the printed commands need one that does not.
    show.note(`The aws commands below need a sandbox that outlives lab: run 'lab sandbox start' in another terminal and 'eval "$(lab sandbox env)"' in this one; it keeps what the labs made.`);
  }
  if (target.kind === 'aws' && !options.dryRun && prompts) {
    const go = await prompts.confirm({ message: `Create real, possibly billed resources in account ${target.accountId} (${target.region})?`, default: false }, promptContext);
    if (!go) return 0;
  }

  const run = newRunId();
  const abort = new AbortController();
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
    abort.abort();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  if (!options.dryRun) await ledger.startRun(run, lab.id);

  let outcome = 'completed';
  let exitCode = 0;
  const ranHere = new Set<string>();
  try {
    for (let position = 0; position < selection.indexes.length; position++) {
      const step = lab.steps[selection.indexes[position]!]!;
      show.stepHeader(selection.indexes[position]! + 1, lab.steps.length, step, costNote(step, target));
      for (const note of earlier.notesBefore(step, ranHere)) show.note(`  ${note}`);
      const unmet = (step.needs ?? []).filter((need) => !ranHere.has(need) && !known(need));
      if (unmet.length > 0) {
        const first = lab.steps.findIndex((candidate) => candidate.id === unmet[0]);
        const maker = `step ${first + 1} (${lab.steps[first]!.title})`;
        if (!prompts) {
          show.note(`  This step needs what ${maker} makes, and it has not run. Run it first: lab run ${lab.id} --steps ${first + 1},${selection.indexes[position]! + 1}`);
          outcome = 'aborted';
          exitCode = 1;
          break;
        }
        const answer = await prompts.select<'first' | 'skip' | 'quit'>(
          { message: `This step needs what ${maker} makes, which was skipped. What now?`, choices: [{ name: `Run ${maker} now, then this one`, value: 'first' }, { name: 'Skip this step', value: 'skip' }, { name: 'Quit', value: 'quit' }] },
          { ...promptContext, signal: abort.signal },
        );
        if (answer === 'skip') continue;
        if (answer === 'quit') {
          outcome = 'quit';
          break;
        }
        // The needed step goes in front of this one and the loop comes back here after it.
        selection.indexes.splice(position, 0, first);
        position--;
        continue;
      }
      if (prompts) {
        const choice = await prompts.select<Choice>(
          { message: 'Run this step?', choices: [{ name: 'Run', value: 'run' }, { name: 'Skip', value: 'skip' }, { name: 'Quit', value: 'quit' }] },
          { ...promptContext, signal: abort.signal },
        );
        if (choice === 'skip') continue;
        if (choice === 'quit') {
          outcome = 'quit';
          break;
        }
      }
      const result = await runStep(step, { ...options, run, outputs, show, signal: abort.signal }, prompts ? (error) => askAfterError(prompts, promptContext, error) : undefined);
      if (result === 'done') ranHere.add(step.id);
      if (result === 'abort') {
        outcome = interrupted ? 'interrupted' : 'aborted';
        exitCode = interrupted ? EXIT_INTERRUPTED : 1;
        break;
      }
    }
  } catch (error) {
    if (!isPromptExit(error) && !interrupted) throw error;
    outcome = 'interrupted';
    exitCode = EXIT_INTERRUPTED;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    if (!options.dryRun) await ledger.endRun(run, outcome);
  }
  await summarize(show, options, run, outcome);
  return exitCode;
}

/**
 * The global options the printed `aws` commands carry: the target's, and the learner's own
 * --output and --query, so that each printed command prints what lab shows beneath it. A
 * learner's --query replaces a step's own (Presenter.response does the same).
 */
function printedGlobals(targetGlobals: Record<string, string>, output: OutputSettings): Record<string, string> {
  return {
    ...targetGlobals,
    ...(output.output === 'json' ? {} : { output: output.output }),
    ...(output.query ? { query: output.query.expression } : {}),
  };
}

interface StepRunContext extends RunLabOptions {
  run: string;
  outputs: Record<string, Record<string, string>>;
  show: Presenter;
  signal: AbortSignal;
}

async function runStep(step: Step, context: StepRunContext, askAfterError?: (error: AwsCallError) => Promise<AfterError>): Promise<'done' | 'skipped' | 'abort'> {
  const { show, target } = context;
  for (;;) {
    const ctx = new StepContext({
      lab: context.lab.id,
      run: context.run,
      step: step.id,
      region: target.region,
      target: targetFacts(target),
      clients: target.clients,
      ledger: context.ledger,
      outputs: context.outputs,
      dryRun: context.dryRun,
      checkWithDryRun: true,
      cliGlobals: printedGlobals(target.cliGlobals, context.output),
      events: {
        command: (text) => show.command(text),
        progress: (text) => show.progress(text),
        note: (text) => show.note(`  ${text}`),
        ...(context.debug ? { debug: (text: string) => show.note(`debug: ${text}`) } : {}),
      },
      signal: context.signal,
      settings: context.settings,
      ...(context.artifactsDir === undefined ? {} : { artifactsDir: context.artifactsDir }),
    });
    show.startWaiting(step.title);
    try {
      const result = await step.run(ctx);
      show.stopWaiting(true);
      if (!context.dryRun) {
        show.response(result.operation, result.response, result.query);
        if (result.chart) show.chart(result.chart);
      }
      return 'done';
    } catch (error) {
      show.stopWaiting(false);
      if (context.signal.aborted) return 'abort';
      if (error instanceof MissingOutputError) {
        const maker = context.lab.steps.findIndex((candidate) => candidate.produces?.includes(error.key));
        const where = error.lab === context.lab.id && maker >= 0 ? `step ${maker + 1} (${context.lab.steps[maker]!.title}) makes it: lab run ${error.lab} --steps ${maker + 1}` : `lab ${error.lab} makes it: lab show ${error.lab}`;
        show.note(`  ${error.message}. ${where}.`);
        return 'abort';
      }
      if (!(error instanceof AwsCallError)) throw error;
      show.awsError(error);
      if (!askAfterError) return 'abort';
      const next = await askAfterError(error);
      if (next === 'retry') continue;
      return next === 'skip' ? 'skipped' : 'abort';
    }
  }
}

async function askAfterError(
  prompts: typeof import('@inquirer/prompts'),
  context: { input: Readable; output: Writable },
  _error: AwsCallError,
): Promise<AfterError> {
  return prompts.select<AfterError>(
    { message: 'What now?', choices: [{ name: 'Retry', value: 'retry' }, { name: 'Skip this step', value: 'skip' }, { name: 'Abort the lab', value: 'abort' }] },
    context,
  );
}

function costNote(step: Step, target: Target): string | undefined {
  if (!step.cost || step.cost.perHourUsd <= 0) return undefined;
  const price = `about $${step.cost.perHourUsd.toFixed(4)} per hour (${step.cost.what}) on AWS`;
  return target.kind === 'aws' ? `Billable: ${price}.` : `Free here; ${price}.`;
}

async function summarize(show: Presenter, options: RunLabOptions, run: string, outcome: string): Promise<void> {
  show.line();
  if (options.dryRun) {
    show.line('Dry run: nothing was created.');
    return;
  }
  const data = await options.ledger.read();
  const made = data.resources.filter((record) => record.run === run && (record.status === 'created' || record.status === 'intended'));
  const verb = outcome === 'completed' ? 'Finished' : outcome === 'quit' ? 'Stopped' : outcome === 'aborted' ? 'Stopped at an error in' : 'Interrupted';
  show.line(`${verb} ${options.lab.id} (run ${run}): ${made.length} resource${made.length === 1 ? '' : 's'} recorded in the ledger.`);
  if (made.length > 0) show.line(`Remove them with: lab cleanup --lab ${options.lab.id}${options.target.kind === 'endpoint' ? ` --endpoint-url ${options.target.cliGlobals['endpoint-url']}` : ''}`);
}

function isPromptExit(error: unknown): boolean {
  const name = (error as Error | null)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}
