import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_SCHEMA } from '../../config/index.js';
import { PROJECT_ROOT } from '../../lib/paths.js';

describe('README configuration table', () => {
  it('when a variable exists in the config schema, then the README table documents it', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const documented = new Set([...readme.matchAll(/^\| `(MONITOR_[A-Z0-9_]+)` \|/gm)].map((match) => match[1]));

    expect([...documented].sort()).toEqual(Object.keys(ENV_SCHEMA).sort());
  });
});
