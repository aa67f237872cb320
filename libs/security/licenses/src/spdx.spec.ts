import { describe, expect, it } from 'vitest';
import { evaluateLicense } from './spdx';

const allowed = new Set(['MIT', 'Apache-2.0', 'BSD-3-Clause', 'ISC']);

describe('evaluateLicense', () => {
  it.each([
    ['MIT'],
    ['(MIT)'],
    ['MIT OR GPL-3.0-or-later'],
    ['(GPL-2.0-only OR BSD-3-Clause)'],
    ['MIT AND ISC'],
    ['(MIT AND (Apache-2.0 OR GPL-3.0-only))'],
    ['Apache-2.0 WITH LLVM-exception'],
    ['Apache-2.0+'],
  ])('allows %s', (expression) => {
    expect(evaluateLicense(expression, allowed)).toEqual({ verdict: 'allowed' });
  });

  it.each([
    ['GPL-3.0-only', ['GPL-3.0-only']],
    ['MIT AND CC-BY-4.0', ['CC-BY-4.0']],
    ['GPL-3.0-only OR AGPL-3.0-only', ['GPL-3.0-only', 'AGPL-3.0-only']],
    ['(MIT AND Zlib)', ['Zlib']],
    ['GPL-2.0-only WITH Classpath-exception-2.0', ['GPL-2.0-only WITH Classpath-exception-2.0']],
  ])('denies %s, naming %j', (expression, denied) => {
    expect(evaluateLicense(expression, allowed)).toEqual({ verdict: 'denied', denied });
  });

  it.each([
    [undefined, 'no license declared'],
    ['', 'no license declared'],
    ['UNKNOWN', 'no license declared'],
    ['Unknown', 'no license declared'],
    ['SEE LICENSE IN LICENSE.md', 'custom license terms ("SEE LICENSE IN LICENSE.md")'],
    ['MIT/X11', '"MIT/X11" is not an SPDX license expression'],
    ['Apache 2.0', '"Apache 2.0" is not an SPDX license expression'],
    ['GPL-2.0', '"GPL-2.0" is a deprecated SPDX id whose meaning is ambiguous'],
    ['CC-BY-4.0 OR GPL-2.0', '"GPL-2.0" is a deprecated SPDX id whose meaning is ambiguous'],
  ])('sends %j to review (%s), never throwing', (expression, reason) => {
    expect(evaluateLicense(expression, allowed)).toEqual({ verdict: 'review', reason });
  });

  it('lets an allowed option win over an unclear one, and a denied part lose over one', () => {
    expect(evaluateLicense('MIT OR GPL-2.0', allowed).verdict).toBe('allowed');
    expect(evaluateLicense('GPL-2.0 AND CC-BY-4.0', allowed)).toEqual({ verdict: 'denied', denied: ['CC-BY-4.0'] });
  });

  it('accepts a deprecated id or a LicenseRef the allowlist names exactly', () => {
    expect(evaluateLicense('GPL-2.0', new Set(['GPL-2.0'])).verdict).toBe('allowed');
    expect(evaluateLicense('LicenseRef-Acme', new Set(['LicenseRef-Acme'])).verdict).toBe('allowed');
  });
});
