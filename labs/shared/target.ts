/** What a step may need to know about where it runs, read from the settings the runner shows. */
import type { StepContext } from '../../src/runner/step-context.js';

/**
 * True on a real AWS account, where background work (TTL deletes) takes AWS's time, not
 * the sandbox's. The runner describes an AWS target as `AWS account <id> in <region> ...`.
 */
export function onRealAws(ctx: StepContext): boolean {
  return (ctx.settings.Target ?? '').startsWith('AWS account');
}
