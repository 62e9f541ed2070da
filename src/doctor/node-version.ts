/** The runtime the compiled CLI targets: ES2022 and the Node 20 standard library. */
import type { CheckResult } from './check.js';

export const MINIMUM_NODE_MAJOR = 20;

export function checkNodeVersion(version: string = process.versions.node): CheckResult {
  const major = Number.parseInt(version, 10);
  if (major >= MINIMUM_NODE_MAJOR) return { name: 'Node.js', status: 'ok', required: true, detail: `v${version}` };
  return {
    name: 'Node.js',
    status: 'fail',
    required: true,
    detail: `v${version}; lab needs ${MINIMUM_NODE_MAJOR} or newer`,
    fix: `install Node.js ${MINIMUM_NODE_MAJOR} or newer: https://nodejs.org, or 'nvm install ${MINIMUM_NODE_MAJOR}'`,
  };
}
