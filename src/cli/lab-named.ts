/** Finding the lab a learner named on the command line. */
import type { Lab } from '../runner/lab.js';
import type { CommandIo } from './io.js';

/** The lab a learner named, or undefined after saying which labs exist (also when none was named). */
export async function labNamed(id: string | undefined, command: string, io: CommandIo): Promise<Lab | undefined> {
  const { loadLab, labIds, UnknownLabError } = await import('../../labs/index.js');
  if (id === undefined) {
    io.stderr.write(`lab ${command}: name a lab, e.g. 'lab ${command} ${labIds()[0]}'. Labs: ${labIds().join(', ')} (see lab list)\n`);
    return undefined;
  }
  try {
    return await loadLab(id);
  } catch (error) {
    if (!(error instanceof UnknownLabError)) throw error;
    io.stderr.write(`lab ${command}: ${error.message}\n`);
    return undefined;
  }
}
