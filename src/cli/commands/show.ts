/**
 * `lab show <lab>`: objectives, theory, and every step with why it matters and the AWS CLI
 * commands it runs. The commands come from running each step in an offline dry run, so
 * they are exactly what `lab run` would print, with placeholders such as `<vpcId>` for
 * what earlier steps create.
 */
import { ClientPool } from '../../aws/clients.js';
import { Ledger } from '../../ledger/ledger.js';
import { StepContext } from '../../runner/step-context.js';
import type { GlobalOptions } from '../global-options.js';
import { labNamed } from '../lab-named.js';
import { EXIT_USAGE, writeOut, type CommandIo } from '../io.js';

export async function show(options: GlobalOptions, args: string[], io: CommandIo): Promise<number> {
  const lab = await labNamed(args[0]!, 'show', io);
  if (!lab) return EXIT_USAGE;
  const region = options.region ?? 'us-east-1';
  const lines: string[] = [`${lab.id}: ${lab.title}`, `Services: ${lab.services.join(', ')}`, '', 'Objectives:'];
  for (const objective of lab.objectives) lines.push(`  - ${objective}`);
  lines.push('', 'Theory:');
  for (const note of lab.theory) lines.push(`  - ${note}`);
  const outputs: Record<string, Record<string, string>> = {};
  for (const [index, step] of lab.steps.entries()) {
    lines.push('', `${index + 1}. ${step.title}${step.needs?.length ? `   (needs ${step.needs.map((need) => lab.steps.findIndex((candidate) => candidate.id === need) + 1).join(', ')})` : ''}`);
    lines.push(`   ${step.why}`);
    if (step.cost) lines.push(`   Cost on AWS: about $${step.cost.perHourUsd} per hour (${step.cost.what}).`);
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
    for (const command of commands) lines.push(`   $ ${command}`);
  }
  lines.push('', `Run it: lab run ${lab.id}    (or --dry-run to see the plan, --yes to run without prompts)`);
  await writeOut(io.stdout, `${lines.join('\n')}\n`);
  return 0;
}
