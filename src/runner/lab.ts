/**
 * What a lab is: data about one day of the study plan, and its steps. A step is data plus
 * one async function that calls AWS through its context and returns the response; it never
 * prints and never reads options (the runner does both).
 */
import type { StepContext } from './step-context.js';

export interface Lab {
  /** `week4-fri`: the study plan's week and day. */
  id: string;
  title: string;
  /** The AWS services its steps call, as AWS names them. */
  services: string[];
  /** What the learner can do afterwards. */
  objectives: string[];
  /** Short theory notes shown by `lab show`. */
  theory: string[];
  steps: Step[];
}

export interface Step {
  /** Unique within the lab, e.g. `create-vpc`. */
  id: string;
  title: string;
  /** Why this step matters, in a sentence or two. */
  why: string;
  /** Ids of earlier steps whose outputs this step uses. */
  needs?: string[];
  /** The keys it remembers (`ctx.remember`), so a later run can skip it when they are known. */
  produces?: string[];
  /** What it costs per hour on AWS while the resource lives; absent means free or per request. */
  cost?: { perHourUsd: number; what: string };
  run(ctx: StepContext): Promise<StepResult>;
}

/** What the runner prints: the response, under the operation's name for table titles. */
export interface StepResult {
  operation: string;
  response: object;
  /** The `--query` this step suggests when the learner gave none. */
  query?: string;
  /** Preformatted text printed below the response (a latency histogram); not subject to --query. */
  chart?: string;
}

/** Hours a resource has lived times its hourly price, for `lab status` and the final evaluation. */
export function estimatedCostUsd(perHourUsd: number, since: Date, now: Date = new Date()): number {
  return (perHourUsd * Math.max(0, now.getTime() - since.getTime())) / 3_600_000;
}

/** What a whole lab costs per hour on AWS while everything it creates is alive. */
export function labCostPerHourUsd(lab: Lab): number {
  return Math.round(lab.steps.reduce((sum, step) => sum + (step.cost?.perHourUsd ?? 0), 0) * 10_000) / 10_000;
}
