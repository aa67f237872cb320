import { cacheConfigJsonSchema } from '@paved/cache-config';
import { join } from 'node:path';

/** The committed JSON Schema of the configuration file, for editor completion ($schema). */
export const configSchemaPath = join(__dirname, '..', 'paved-cache.schema.json');

export function renderConfigSchema(): string {
  return `${JSON.stringify(cacheConfigJsonSchema(), null, 2)}\n`;
}
