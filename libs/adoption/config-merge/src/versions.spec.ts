import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { toolVersions } from './versions';

it('adds the versions this repository runs and tests on Node 20', () => {
  const root = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf-8'));
  for (const [name, version] of Object.entries(toolVersions)) expect(root.devDependencies[name], name).toBe(version);
});
