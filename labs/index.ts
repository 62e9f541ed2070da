/**
 * The labs, one module per day of the study plan, loaded on demand so `lab list` reads
 * their data without loading any SDK client (steps import their clients when they run).
 */
import type { Lab } from '../src/runner/lab.js';
import { COMING_LABS } from './coming.js';

const LABS: Record<string, () => Promise<Lab>> = {
  'week4-tue': async () => (await import('./week4-tue/index.js')).week4Tue,
  'week4-thu': async () => (await import('./week4-thu/index.js')).week4Thu,
  'week4-fri': async () => (await import('./week4-fri/index.js')).week4Fri,
  'week8-day2': async () => (await import('./week8-day2/index.js')).week8Day2,
  'week8-day3': async () => (await import('./week8-day3/index.js')).week8Day3,
  'week8-day4': async () => (await import('./week8-day4/index.js')).week8Day4,
  'week8-day5': async () => (await import('./week8-day5/index.js')).week8Day5,
  'week8-day6': async () => (await import('./week8-day6/index.js')).week8Day6,
  'week8-day7': async () => (await import('./week8-day7/index.js')).week8Day7,
};

export function labIds(): string[] {
  return Object.keys(LABS);
}

export class UnknownLabError extends Error {
  constructor(readonly labId: string) {
    const coming = labIds().includes(labId) ? undefined : COMING_LABS[labId];
    super(
      coming === undefined
        ? `there is no lab '${labId}'. Labs: ${labIds().join(', ')} (see lab list)`
        : `${labId} (${coming}) is not built yet; it is coming. Labs you can run now: ${labIds().join(', ')} (see lab list)`,
    );
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
