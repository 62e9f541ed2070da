/** `lab list`: the labs as a document, a table unless --output says otherwise. */
import { loadAllLabs } from '../../../labs/index.js';
import { labCostPerHourUsd } from '../../runner/lab.js';
import { forPeople, outputSettings } from '../output-settings.js';
import type { GlobalOptions } from '../global-options.js';
import { writeOut, type CommandIo } from '../io.js';
import { renderReport } from '../report.js';

export async function list(options: GlobalOptions, _args: string[], io: CommandIo): Promise<number> {
  const labs = await loadAllLabs();
  const rows = labs.map((lab) => ({
    Id: lab.id,
    Title: lab.title,
    Steps: lab.steps.length,
    Services: lab.services.join(', '),
    EstimatedCostPerHourUsd: labCostPerHourUsd(lab),
  }));
  const report = { member: 'Labs', title: 'ListLabs', caption: '', rows, headings: { EstimatedCostPerHourUsd: 'USD/h on AWS' } };
  await writeOut(io.stdout, renderReport(report, outputSettings(options, io, 'table'), forPeople(options, io)));
  return 0;
}
