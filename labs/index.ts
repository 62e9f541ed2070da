/**
 * The labs, one module per day of the study plan, loaded on demand so `lab list` reads
 * their data without loading any SDK client (steps import their clients when they run).
 */
import type { Lab } from '../src/runner/lab.js';

const LABS: Record<string, () => Promise<Lab>> = {
  'week4-fri': async () => (await import('./week4-fri/index.js')).week4Fri,
};

export function labIds(): string[] {
  return Object.keys(LABS);
}

export class UnknownLabError extends Error {
  constructor(readonly labId: string) {
    super(`there is no lab '${labId}'. Labs: ${labIds().join(', ')} (see lab list)`);
    this.name = 'UnknownLabError';
  }
}

export async function loadLab(id: string): Promise<Lab> {
  const load = LABS[id];
  if (!load) throw new UnknownLabError(id);
  return load();
}

export async function loadAllLabs(): Promise<Lab[]> {
  return Promise.all(labIds().map(loadLab));
}
