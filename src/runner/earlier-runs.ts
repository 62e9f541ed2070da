/**
 * What earlier runs of a lab left on this target, as a learner running it again needs to
 * hear it: which steps are done already (their outputs are in the ledger), and which values
 * a step is about to reuse rather than make.
 */
import type { Lab, Step } from './lab.js';

export class EarlierRuns {
  constructor(
    private readonly lab: Lab,
    /** The lab's outputs as the run found them in the ledger. */
    private readonly outputs: Readonly<Record<string, string>>,
  ) {}

  /** Every output the step produces was left by an earlier run. */
  isDone(step: Step): boolean {
    return Boolean(step.produces?.length) && step.produces!.every((key) => this.outputs[key] !== undefined);
  }

  /** What to say before a step: that it was done before, and what it reuses from earlier runs (not from steps of this run). */
  notesBefore(step: Step, ranHere: ReadonlySet<string>): string[] {
    const notes: string[] = [];
    if (this.isDone(step)) {
      notes.push(`Done in an earlier run (${this.values(step)}); running it again makes it again, skipping it keeps what exists.`);
    }
    for (const need of step.needs ?? []) {
      const needed = this.lab.steps.find((candidate) => candidate.id === need);
      if (needed && !ranHere.has(need) && this.isDone(needed)) notes.push(`Reusing from an earlier run: ${this.values(needed)}.`);
    }
    return notes;
  }

  private values(step: Step): string {
    return (step.produces ?? []).map((key) => `${key} ${this.outputs[key]}`).join(', ');
  }
}
