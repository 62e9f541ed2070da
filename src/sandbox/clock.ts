/**
 * The sandbox clock. Resources record when they entered a state and read their current
 * state from the clock, so `pending` becomes `running` once its delay has passed, without
 * timers. Delays default to short and are set per sandbox, so SDK waiters see AWS's states
 * in a second rather than minutes.
 */
export interface Clock {
  /** Milliseconds since the epoch, as the sandbox sees it. */
  now(): number;
  /** How long a named transition takes here, in milliseconds (`ec2.instance.pending`). */
  delay(transition: string): number;
}

export interface ClockOptions {
  /** Transition name to milliseconds; anything unnamed takes `defaultDelayMs`. */
  delays?: Record<string, number>;
  defaultDelayMs?: number;
  /** For tests that step time by hand. */
  now?: () => number;
}

/**
 * Transitions whose length is part of what a learner sees, not a wait to shorten: AWS lists
 * a terminated instance for about an hour, and status checks take a moment to pass.
 */
export const OBSERVABLE_DELAYS: Readonly<Record<string, number>> = {
  'ec2.instance.terminated': 3_600_000,
  'ec2.instance.status-checks': 3_000,
  // Expired items stay readable until swept (ttl-sweeper.ts); long enough to see, short enough to wait for.
  'dynamodb.ttl.sweep': 5_000,
};

export function createClock(options: ClockOptions = {}): Clock {
  const delays = { ...OBSERVABLE_DELAYS, ...options.delays };
  const defaultDelay = options.defaultDelayMs ?? 500;
  return {
    now: options.now ?? Date.now,
    delay: (transition) => delays[transition] ?? defaultDelay,
  };
}
