#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run setup` (or `npm run build`).
import { setFlagsFromString } from 'node:v8';

// Before any of the app loads: V8's allocation-site pretenuring sometimes moves the classifier's
// short-lived objects to the old generation, and the process then runs a third slower with twice
// the memory, at random from one start to the next (docs/decisions/006-engine-flags.md).
setFlagsFromString('--no-allocation-site-pretenuring');

let cli;
try {
  cli = await import('../dist/app/cli.js');
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/app/cli.js')) {
    process.stderr.write('monitor: not built yet: run `npm run setup` first\n');
    process.exit(1);
  }
  throw error;
}
await cli.main(process.argv.slice(2));
