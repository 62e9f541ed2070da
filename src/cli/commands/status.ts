/** `lab status`: what the labs created that is still alive on this target, with age and estimated cost. */
import { connectTarget } from '../../aws/target.js';
import { resourceType } from '../../cleanup/registry.js';
import { Ledger, liveResources } from '../../ledger/ledger.js';
import { ledgerPath } from '../../ledger/paths.js';
import { estimatedCostUsd } from '../../runner/lab.js';
import { forPeople, outputSettings } from '../output-settings.js';
import type { GlobalOptions } from '../global-options.js';
import { writeOut, type CommandIo } from '../io.js';
import { proseStream } from '../prose.js';
import { renderReport } from '../report.js';

export async function status(options: GlobalOptions, _args: string[], io: CommandIo): Promise<number> {
  const settings = outputSettings(options, io, 'table');
  const prose = proseStream(settings, io);
  const target = await connectTarget(options, io.env);
  try {
    const data = await new Ledger(ledgerPath(target.key, io.env)).read();
    const now = new Date();
    const alive = liveResources(data);
    if (alive.length === 0) {
      if (settings.output !== 'table') await writeOut(io.stdout, renderReport({ member: 'Resources', title: 'Status', rows: [] }, settings, false));
      prose.write(`Nothing the labs created is alive on ${target.description}.\n`);
      return 0;
    }
    const report = {
      member: 'Resources',
      title: `Alive on ${target.description}`,
      headings: { EstimatedCostUsd: 'USD so far' },
      rows: alive.map((record) => {
        const since = new Date(record.createdAt);
        return {
          Lab: record.lab,
          Run: record.run,
          Resource: resourceType(record.type)?.title ?? record.type,
          Id: record.resourceId ?? '(unconfirmed)',
          Age: age(now.getTime() - since.getTime()),
          EstimatedCostUsd: Math.round(estimatedCostUsd(resourceType(record.type)?.hourlyCostUsd?.(record) ?? 0, since, now) * 10_000) / 10_000,
        };
      }),
    };
    await writeOut(io.stdout, renderReport(report, settings, forPeople(options, io)));
    prose.write(`Remove them with: lab cleanup${options.endpointUrl ? ` --endpoint-url ${options.endpointUrl}` : ''}\n`);
    return 0;
  } finally {
    await target.close();
  }
}

function age(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} days`;
}
