/** The output modes of AWS CLI v2, in its own order. Kept apart so `--help` loads no formatter. */
export const OUTPUT_MODES = ['json', 'yaml', 'yaml-stream', 'text', 'table'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];
