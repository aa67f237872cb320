import { writeFileSync } from 'node:fs';
import { configSchemaPath, renderConfigSchema } from '../src/config-schema';

writeFileSync(configSchemaPath, renderConfigSchema());
console.log(`wrote ${configSchemaPath}`);
