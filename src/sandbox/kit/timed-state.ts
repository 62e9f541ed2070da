/**
 * Resource states on the sandbox clock (clock.ts). A record keeps the state it is in and
 * when it entered it; a timeline says which states end by themselves, after which named
 * delay, and in what. Reading the current state walks the timeline up to the clock's now,
 * so nothing runs timers, and a saved state read back later moves on where it left off.
 */
import type { Clock } from '../clock.js';

/** A state and when the resource entered it, in clock milliseconds: plain JSON, saved as it is. */
export interface TimedState<S extends string = string> {
  name: S;
  since: number;
}

/** From a state, the clock delay (`ec2.instance.pending`) after which it becomes the next one. */
export type Timeline<S extends string> = Partial<Readonly<Record<S, { readonly transition: string; readonly to: S }>>>;

/** Whether the named delay has run its course since `since`. */
export function hasElapsed(clock: Clock, since: number, transition: string): boolean {
  return clock.now() - since >= clock.delay(transition);
}

/**
 * Where a resource with one timed step is: `from` until the delay has run since `since`, then
 * `to` (DynamoDB keeps such steps as a time, not a TimedState: a stream's `createdAt`).
 */
export function stateAt<S extends string>(clock: Clock, since: number, transition: string, from: S, to: S): S {
  return hasElapsed(clock, since, transition) ? to : from;
}

/** The states entered after `state` by the clock's now, in order, each with when it was entered; empty when it has not moved. */
export function statesReached<S extends string>(state: TimedState<S>, timeline: Timeline<S>, clock: Clock): TimedState<S>[] {
  const reached: TimedState<S>[] = [];
  let current = state;
  for (let step = timeline[current.name]; step !== undefined && hasElapsed(clock, current.since, step.transition); step = timeline[current.name]) {
    current = { name: step.to, since: current.since + clock.delay(step.transition) };
    reached.push(current);
  }
  return reached;
}

/** The state the clock has brought `state` to. */
export function currentState<S extends string>(state: TimedState<S>, timeline: Timeline<S>, clock: Clock): TimedState<S> {
  return statesReached(state, timeline, clock).at(-1) ?? state;
}
