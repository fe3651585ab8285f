#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run setup` (or `npm run build`).
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
