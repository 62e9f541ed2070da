/** Finding the lab a learner named on the command line. */
import type { Lab } from '../runner/lab.js';
import type { CommandIo } from './io.js';

/** The lab a learner named, or undefined after saying which labs exist. */
export async function labNamed(id: string, command: string, io: CommandIo): Promise<Lab | undefined> {
  const { loadLab, UnknownLabError } = await import('../../labs/index.js');
  try {
    return await loadLab(id);
  } catch (error) {
    if (!(error instanceof UnknownLabError)) throw error;
    io.stderr.write(`lab ${command}: ${error.message}\n`);
    return undefined;
  }
}
