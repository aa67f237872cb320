import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSchemas, schemasDir } from './schemas';

describe('committed JSON Schemas', () => {
  it.each(Object.entries(renderSchemas()))('%s is current with the zod schema', (file, rendered) => {
    const committed = readFileSync(join(schemasDir, file), 'utf-8');
    expect(committed, `${file} is stale: run \`pnpm nx run nx-plugin:schemas\``).toBe(rendered);
  });

  it('describes the keys users edit', () => {
    const policy = JSON.parse(renderSchemas()['paved.schema.json']);
    expect(Object.keys(policy.properties)).toEqual(
      expect.arrayContaining(['npmScope', 'scopes', 'sharedScopes', 'types', 'kinds', 'owners', 'toolchain']),
    );
    expect(policy.required).toEqual(expect.arrayContaining(['npmScope', 'scopes', 'types']));
  });
});
