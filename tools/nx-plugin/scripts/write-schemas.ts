import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSchemas, schemasDir } from '../src/schemas';

for (const [file, content] of Object.entries(renderSchemas())) {
  writeFileSync(join(schemasDir, file), content);
  console.log(`wrote ${join(schemasDir, file)}`);
}
