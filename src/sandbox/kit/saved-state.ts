/**
 * The life-cycle parts of a service whose state is one object that snapshots to plain JSON:
 * saved with the sandbox's state directory, restored from it, and emptied by a reset.
 */
import type { ServiceImplementation } from '../service.js';

export interface SavedState {
  snapshot(): unknown;
  /** Replaces the whole state; `{}` is the empty one. */
  restore(saved: unknown): void;
}

export function keptIn(state: SavedState): Pick<ServiceImplementation, 'snapshot' | 'restore' | 'reset'> {
  return {
    snapshot: () => state.snapshot(),
    restore: (saved) => state.restore(saved),
    reset: () => state.restore({}),
  };
}
