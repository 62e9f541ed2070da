/**
 * `lab show <lab>`: objectives, theory, and every step with why it matters and the AWS CLI
 * commands it runs. The commands come from running each step in an offline dry run, so
 * they are exactly what `lab run` would print, with placeholders such as `<vpcId>` for
 * what earlier steps create. Prose by default; with --output, one document in that format.
 */
import { ClientPool } from '../../aws/clients.js';
import { Ledger } from '../../ledger/ledger.js';
import { renderDocument } from '../../output/render.js';
import { doc } from '../../output/value.js';
import type { Lab } from '../../runner/lab.js';
import { StepContext } from '../../runner/step-context.js';
import { formatChosen, type GlobalOptions } from '../global-options.js';
import { labNamed } from '../lab-named.js';
import { EXIT_USAGE, writeOut, type CommandIo } from '../io.js';
import { outputSettings } from '../output-settings.js';

// A type, not an interface: the document renderer takes it as plain JSON.
type ShownStep = {
  Number: number;
  Title: string;
  Why: string;
  Needs: number[];
  CostPerHourUsd?: number;
  CostFor?: string;
  Commands: string[];
};

export async function show(options: GlobalOptions, args: string[], io: CommandIo): Promise<number> {
  const lab = await labNamed(args[0], 'show', io);
  if (!lab) return EXIT_USAGE;
  const steps = await shownSteps(lab, options.region ?? 'us-east-1');
  if (formatChosen(options)) {
    const document = doc({ Id: lab.id, Title: lab.title, Services: [...lab.services], Objectives: [...lab.objectives], Theory: [...lab.theory], Steps: steps });
    await writeOut(io.stdout, renderDocument(document, 'ShowLab', outputSettings(options, io)));
    return 0;
  }
  const lines: string[] = [`${lab.id}: ${lab.title}`, `Services: ${lab.services.join(', ')}`, '', 'Objectives:'];
  for (const objective of lab.objectives) lines.push(`  - ${objective}`);
  lines.push('', 'Theory:');
  for (const note of lab.theory) lines.push(`  - ${note}`);
  for (const step of steps) {
    lines.push('', `${step.Number}. ${step.Title}${step.Needs.length ? `   (needs ${step.Needs.join(', ')})` : ''}`);
    lines.push(`   ${step.Why}`);
    if (step.CostPerHourUsd !== undefined) lines.push(`   Cost on AWS: about $${step.CostPerHourUsd} per hour (${step.CostFor}).`);
    for (const command of step.Commands) lines.push(`   $ ${command}`);
  }
  lines.push('', `Run it: lab run ${lab.id}    (or --dry-run to see the plan, --yes to run without prompts)`);
  await writeOut(io.stdout, `${lines.join('\n')}\n`);
  return 0;
}

/** Each step with the commands an offline dry run of it prints. */
async function shownSteps(lab: Lab, region: string): Promise<ShownStep[]> {
  const outputs: Record<string, Record<string, string>> = {};
  const shown: ShownStep[] = [];
  for (const [index, step] of lab.steps.entries()) {
    const commands: string[] = [];
    const ctx = new StepContext({
      lab: lab.id,
      run: '<run>',
      step: step.id,
      region,
      // An offline dry run sends nothing: neither clients nor the ledger are ever used.
      clients: new ClientPool({ region }),
      ledger: new Ledger('/nonexistent/lab-show-ledger.json'),
      outputs,
      dryRun: true,
      cliGlobals: {},
      events: { command: (text) => commands.push(text), progress: () => undefined, note: () => undefined },
      settings: {},
    });
    await step.run(ctx);
    shown.push({
      Number: index + 1,
      Title: step.title,
      Why: step.why,
      Needs: (step.needs ?? []).map((need) => lab.steps.findIndex((candidate) => candidate.id === need) + 1),
      ...(step.cost ? { CostPerHourUsd: step.cost.perHourUsd, CostFor: step.cost.what } : {}),
      Commands: commands,
    });
  }
  return shown;
}
