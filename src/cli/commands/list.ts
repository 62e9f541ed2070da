/** `lab list`: the labs as a document, a table unless --output says otherwise. */
import { loadAllLabs } from '../../../labs/index.js';
import { doc } from '../../output/value.js';
import { renderDocument } from '../../output/render.js';
import { labCostPerHourUsd } from '../../runner/lab.js';
import { fittedTable } from '../fitted-table.js';
import { forPeople, outputSettings } from '../output-settings.js';
import type { GlobalOptions } from '../global-options.js';
import { writeOut, type CommandIo } from '../io.js';

export async function list(options: GlobalOptions, _args: string[], io: CommandIo): Promise<number> {
  const labs = await loadAllLabs();
  if (forPeople(options, io)) {
    const settings = outputSettings(options, io, 'table');
    const rows = labs.map((lab) => [lab.id, lab.title, lab.steps.length, lab.services.join(', '), labCostPerHourUsd(lab)]);
    await writeOut(io.stdout, fittedTable(['Id', 'Title', 'Steps', 'Services', 'USD/h on AWS'], rows, settings));
    return 0;
  }
  const document = doc({
    Labs: labs.map((lab) => ({
      Id: lab.id,
      Title: lab.title,
      Steps: lab.steps.length,
      Services: lab.services.join(', '),
      EstimatedCostPerHourUsd: labCostPerHourUsd(lab),
    })),
  });
  await writeOut(io.stdout, renderDocument(document, 'ListLabs', outputSettings(options, io, 'table')));
  return 0;
}
