import { pavedEslintConfig } from '@paved/nx/eslint';

export default pavedEslintConfig();
