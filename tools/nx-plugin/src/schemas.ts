import { policyJsonSchema } from '@paved/policy';
import { templateJsonSchema } from '@paved/templates';
import { join } from 'node:path';

/** Folder the generated JSON Schemas are committed in (the plugin package root). */
export const schemasDir = join(__dirname, '..');

/** Every JSON Schema this package ships, keyed by file name, rendered from the zod schemas. */
export function renderSchemas(): Record<string, string> {
  const render = (schema: Record<string, unknown>) => `${JSON.stringify(schema, null, 2)}\n`;
  return {
    'paved.schema.json': render(policyJsonSchema()),
    'template.schema.json': render(templateJsonSchema()),
  };
}
