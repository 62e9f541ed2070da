/**
 * Which steps run: `--steps 1,3-5` (1-based, as `lab show` numbers them) or the learner's
 * checkbox choice, plus any step a chosen one needs whose output no earlier run left behind.
 */
import type { Step } from './lab.js';

export class StepsSyntaxError extends Error {
  constructor(spec: string, reason: string, count: number) {
    super(`--steps ${spec}: ${reason}. Use numbers from 1 to ${count}, ranges and commas, e.g. --steps 1,3-5`);
    this.name = 'StepsSyntaxError';
  }
}

/** `1,3-5` -> indexes 0, 2, 3, 4, in lab order. */
export function parseStepList(spec: string, count: number): number[] {
  const chosen = new Set<number>();
  for (const part of spec.split(',').map((text) => text.trim())) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!match) throw new StepsSyntaxError(spec, `'${part}' is not a step number or range`, count);
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from > to) throw new StepsSyntaxError(spec, `'${part}' runs backwards (write ${to}-${from})`, count);
    if (from < 1 || to > count) throw new StepsSyntaxError(spec, `'${part}' is outside 1-${count}`, count);
    for (let number = from; number <= to; number++) chosen.add(number - 1);
  }
  return [...chosen].sort((a, b) => a - b);
}

export interface Selection {
  /** Indexes into the lab's steps, in order. */
  indexes: number[];
  /** Steps added back because a chosen step needs them: `step 7 needs step 3 (create-vpc)`. */
  notes: string[];
}

/**
 * Adds the steps that chosen steps need, unless `satisfied(stepId)` says an earlier run
 * already produced what they need.
 */
export function withPrerequisites(steps: Step[], chosen: number[], satisfied: (stepId: string) => boolean): Selection {
  const index = new Map(steps.map((step, position) => [step.id, position]));
  const selected = new Set(chosen);
  const notes: string[] = [];
  const visit = (position: number) => {
    for (const need of steps[position]!.needs ?? []) {
      const needed = index.get(need);
      if (needed === undefined) throw new Error(`step ${steps[position]!.id} needs unknown step ${need}`);
      if (selected.has(needed) || satisfied(need)) continue;
      selected.add(needed);
      notes.push(`step ${needed + 1} (${steps[needed]!.title}) added: step ${position + 1} needs it`);
      visit(needed);
    }
  };
  for (const position of chosen) visit(position);
  return { indexes: [...selected].sort((a, b) => a - b), notes };
}
