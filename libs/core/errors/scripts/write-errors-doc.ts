import { writeFileSync } from 'node:fs';
import { errorsDocFile, renderErrorsDoc } from '../src/errors-doc';

writeFileSync(errorsDocFile, renderErrorsDoc());
console.log(`wrote ${errorsDocFile}`);
