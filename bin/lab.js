#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm ci` through the prepare script).
// The SDK's notice about future Node versions is for whoever upgrades lab's lockfile, not for learners.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { main } from '../dist/src/cli/main.js';

// `lab list | head`: when the reader goes away, stop quietly with the status a process
// ended by SIGPIPE reports (as git does), instead of a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(141);
});

process.exitCode = await main(process.argv);
