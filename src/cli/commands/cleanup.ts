/**
 * `lab cleanup`: everything the ledger says the labs created on this target (optionally one
 * lab or run, plus with --scan what carries lab tags but the ledger lacks), shown as a plan
 * in deletion order, confirmed, deleted, and reported resource by resource.
 */
import type { ClientPool } from '../../aws/clients.js';
import { connectTarget } from '../../aws/target.js';
import { executeCleanup, type CleanupOutcome } from '../../cleanup/executor.js';
import { planCleanup } from '../../cleanup/plan.js';
import { resourceType, resourceTypes } from '../../cleanup/registry.js';
import { forgetFinishedLabs, Ledger, liveResources, type ResourceRecord } from '../../ledger/ledger.js';
import { ledgerPath } from '../../ledger/paths.js';
import { labTags } from '../../runner/step-context.js';
import { forPeople, outputSettings } from '../output-settings.js';
import type { GlobalOptions } from '../global-options.js';
import { EXIT_USAGE, writeOut, type CommandIo } from '../io.js';
import { proseStream } from '../prose.js';
import { renderReport } from '../report.js';

interface CleanupOptions extends GlobalOptions {
  lab?: string;
  run?: string;
  dryRun?: boolean;
  yes?: boolean;
  scan?: boolean;
}

export async function cleanup(options: CleanupOptions, _args: string[], io: CommandIo): Promise<number> {
  const settings = outputSettings(options, io, 'table');
  const prose = proseStream(settings, io);
  const people = forPeople(options, io);
  const target = await connectTarget(options, io.env);
  try {
    const ledger = new Ledger(ledgerPath(target.key, io.env));
    if (options.lab !== undefined && !(await isLabKnown(options.lab, ledger))) {
      const { UnknownLabError } = await import('../../../labs/index.js');
      io.stderr.write(`lab cleanup: ${new UnknownLabError(options.lab).message}\n`);
      return EXIT_USAGE;
    }
    if (options.scan) await adoptTagged(ledger, target.clients, options.lab, io);
    const chosen = liveResources(await ledger.read()).filter(
      (record) => (options.lab === undefined || record.lab === options.lab) && (options.run === undefined || record.run === options.run),
    );
    if (chosen.length === 0) {
      if (settings.output !== 'table') await writeOut(io.stdout, renderReport({ member: options.dryRun ? 'Plan' : 'Results', title: 'Cleanup', rows: [] }, settings, false));
      prose.write(`Nothing to clean up on ${target.description}${options.lab ? ` for ${options.lab}` : ''}.\n`);
      await forgetFinishedLabs(ledger, (lab) => options.lab === undefined || lab === options.lab);
      return 0;
    }
    const plan = planCleanup(chosen);
    const ordered = plan.waves.flatMap((wave, index) => wave.map((record) => ({ wave: index + 1, record })));
    const planReport = {
      member: 'Plan',
      title: `Cleanup plan: ${target.description}`,
      rows: ordered.map(({ wave, record }) => ({ Order: wave, Resource: resourceType(record.type)!.title, Id: record.resourceId ?? '(unconfirmed)', Lab: record.lab, Run: record.run })),
    };
    // A dry run's answer is the plan; a real run's is its results, so the plan is then prose beside them, for people.
    const planStream = options.dryRun ? io.stdout : prose;
    await writeOut(planStream, renderReport(planReport, settings, people || planStream !== io.stdout));
    const these = chosen.length === 1 ? 'this resource' : `these ${chosen.length} resources`;
    if (options.dryRun) {
      prose.write(`Dry run: nothing was deleted. Run without --dry-run to delete ${these}.\n`);
      return 0;
    }
    const interactive = !options.yes && Boolean(io.stdin.isTTY) && !io.env.CI;
    if (interactive) {
      const { confirm } = await import('@inquirer/prompts');
      // Deleting is the one thing lab cannot undo: Enter alone keeps everything, as gh's and aws-nuke's prompts do.
      const go = await confirm({ message: `Delete ${these}?`, default: false }, { input: io.stdin, output: io.stderr });
      if (!go) {
        io.stderr.write('Nothing was deleted.\n');
        return 0;
      }
    }
    const abort = new AbortController();
    const onInterrupt = () => abort.abort();
    process.on('SIGINT', onInterrupt);
    let outcomes: CleanupOutcome[];
    try {
      outcomes = await executeCleanup(chosen, {
        clients: target.clients,
        ledger,
        signal: abort.signal,
        onStart: (record) => io.stderr.write(`  deleting ${resourceType(record.type)!.title} ${record.resourceId} …\n`),
        onOutcome: (outcome) => io.stderr.write(`  ${resultOf(outcome).padEnd(7)} ${resourceType(outcome.record.type)?.title ?? outcome.record.type} ${outcome.record.resourceId ?? ''}\n`),
      });
    } finally {
      process.off('SIGINT', onInterrupt);
    }
    const results = outcomes.map((outcome) => ({
      Resource: resourceType(outcome.record.type)?.title ?? outcome.record.type,
      Id: outcome.record.resourceId ?? '(unconfirmed)',
      Result: outcome.status === 'deleted' ? resultOf(outcome) : `left: ${outcome.reason}`,
    }));
    await writeOut(io.stdout, renderReport({ member: 'Results', title: 'Cleanup', rows: results }, settings, people));
    await forgetFinishedLabs(ledger, (lab) => options.lab === undefined || lab === options.lab);
    const left = outcomes.filter((outcome) => outcome.status === 'left').length;
    if (left > 0) io.stderr.write(`${left} resource${left === 1 ? ' was' : 's were'} left; run lab cleanup again once the reason is fixed.\n`);
    return left > 0 ? 1 : 0;
  } finally {
    await target.close();
  }
}

/** A deletion as the report words it: gone by lab's hand, or found gone already. */
function resultOf(outcome: CleanupOutcome): string {
  if (outcome.status === 'left') return 'left';
  return outcome.alreadyGone ? 'already gone' : 'deleted';
}

/** A lab id the labs know, or one the ledger has records of (a lab since renamed, or resources found by --scan). */
async function isLabKnown(id: string, ledger: Ledger): Promise<boolean> {
  const { labIds } = await import('../../../labs/index.js');
  return labIds().includes(id) || (await ledger.read()).resources.some((record) => record.lab === id);
}

/** With --scan: resources carrying lab's tags that the ledger lacks are recorded, so cleanup removes them too. */
async function adoptTagged(ledger: Ledger, clients: ClientPool, lab: string | undefined, io: CommandIo): Promise<void> {
  const tags = labTags(lab);
  const known = new Set((await ledger.read()).resources.filter((record) => record.status !== 'deleted' && record.resourceId).map((record) => `${record.type}#${record.resourceId}`));
  for (const type of resourceTypes()) {
    if (!type.scan) continue;
    for (const found of await type.scan(clients, tags)) {
      if (known.has(`${type.name}#${found.resourceId}`)) continue;
      const record: ResourceRecord = await ledger.recordIntent({ type: type.name, lab: lab ?? 'unknown', run: 'found-by-scan', step: 'scan' });
      await ledger.recordCreated(record.id, found.resourceId, found.attributes);
      io.stderr.write(`  found by its tags: ${type.title} ${found.resourceId}\n`);
    }
  }
}
