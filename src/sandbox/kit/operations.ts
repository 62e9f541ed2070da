/**
 * One way to give a service's operations the rules that hold for all of them: bring timed
 * state up to the clock, answer a dry run, sweep expired items, refuse what is not modelled.
 * Each rule is a check that runs before the handler, in the order given, so a service's
 * index reads as its list of operations followed by its list of rules.
 */
import type { AnyHandler, RequestContext } from '../service.js';

/** Runs before an operation's handler; throws an AwsError to answer in its place. */
export type BeforeOperation = (input: Record<string, unknown>, ctx: RequestContext, operation: string) => void;

/** The operations with every rule run ahead of each handler, first rule first. */
export function withRules(operations: Readonly<Record<string, AnyHandler>>, ...rules: readonly BeforeOperation[]): Record<string, AnyHandler> {
  return Object.fromEntries(
    Object.entries(operations).map(([operation, handler]): [string, AnyHandler] => [
      operation,
      (input, ctx) => {
        for (const rule of rules) rule(input as Record<string, unknown>, ctx, operation);
        return handler(input, ctx);
      },
    ]),
  );
}
