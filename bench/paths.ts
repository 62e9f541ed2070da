/** Where the bench finds the project, compiled to dist/bench/ (or a dist-NAME/bench/). */
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const LAB_BIN = fileURLToPath(new URL('../../bin/lab.js', import.meta.url));
export const AWS_CLI = '/usr/bin/aws';
/** The Debian python3 that can import awscli; the one on PATH may not. */
export const AWS_CLI_PYTHON = '/usr/bin/python3';
