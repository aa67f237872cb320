import { cacheConfigJsonSchema } from '@paved/cache-config';
import { join } from 'node:path';
import { serverConfig } from './server-config';

/** The committed JSON Schema of the configuration file, for editor completion ($schema). */
export const configSchemaPath = join(__dirname, '..', 'paved-cache.schema.json');

export function renderConfigSchema(): string {
  return `${JSON.stringify(cacheConfigJsonSchema(serverConfig.schema), null, 2)}\n`;
}
