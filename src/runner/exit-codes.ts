/** 128 + SIGINT: what shells report for a program stopped by Ctrl-C, at a prompt or during a step. */
export const EXIT_INTERRUPTED = 130;
