#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm ci` through the prepare script).
// The SDK's notice about future Node versions is for whoever upgrades lab's lockfile, not for learners.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv);
