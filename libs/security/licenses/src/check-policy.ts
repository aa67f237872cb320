import { type Problem } from '@paved/errors';
import { allowlistEntryProblem } from './spdx';
import { type LicensePolicy } from './evaluate';

/** Checks paved.json `licenses` beyond its schema: every allowlist entry is a real SPDX id. */
export function checkLicensePolicy(policy: LicensePolicy, file = 'paved.json'): Problem[] {
  const problems: Problem[] = [];
  policy.allowed.forEach((entry, index) => {
    const message = allowlistEntryProblem(entry);
    if (message) {
      problems.push({
        code: 'PAVED-600',
        file,
        keyPath: `licenses.allowed[${index}]`,
        message,
        expected: 'an SPDX license id such as "MIT" or "Apache-2.0" (https://spdx.org/licenses/), or LicenseRef-…',
      });
    }
  });
  if (policy.allowed.length === 0) {
    problems.push({
      code: 'PAVED-600',
      file,
      keyPath: 'licenses.allowed',
      message: 'the allowlist is empty: every dependency would fail',
      expected: 'at least one SPDX license id',
    });
  }
  return problems;
}
