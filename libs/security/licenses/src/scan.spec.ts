import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanLicenses } from './scan';

const fixture = join(__dirname, '..', 'fixtures', 'pnpm-licenses.json');

/** A two-package workspace whose lockfile pulls gpl-lib into libs/b through a direct dependency. */
function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'paved-licenses-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('package.json', JSON.stringify({ name: 'acme', private: true, license: 'MIT' }));
  write('libs/b/package.json', JSON.stringify({ name: '@acme/b', version: '1.0.0' }));
  write('pnpm-workspace.yaml', 'packages:\n  - libs/*\n');
  write(
    'pnpm-lock.yaml',
    [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .: {}',
      '  libs/b:',
      '    dependencies:',
      '      wrapper:',
      '        specifier: 1.0.0',
      '        version: 1.0.0',
      'snapshots:',
      '  wrapper@1.0.0:',
      '    dependencies:',
      '      gpl-lib: 2.0.0',
      '  gpl-lib@2.0.0: {}',
      '',
    ].join('\n'),
  );
  return root;
}

describe('scanLicenses', () => {
  it('joins pnpm output with lockfile paths and checks every workspace package', () => {
    const report = scanLicenses({
      root: workspace(),
      policy: { allowed: ['MIT', 'Apache-2.0'], exceptions: [] },
      licensesJson: fixture,
    });
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        kind: 'denied',
        package: 'gpl-lib',
        version: '2.0.0',
        paths: ['libs/b > wrapper@1.0.0 > gpl-lib@2.0.0'],
      }),
    );
    expect(report.findings).toContainEqual(
      expect.objectContaining({ kind: 'workspace-license', package: '@acme/b', file: 'libs/b/package.json' }),
    );
    expect(report.workspacePackagesChecked).toBe(2);
  });

  it('refuses a workspace whose paved.json has no license policy', () => {
    expect(() => scanLicenses({ root: workspace(), policy: undefined, licensesJson: fixture })).toThrow(
      'PAVED-600 paved.json: licenses: no license policy',
    );
  });

  it('refuses a --licenses-json file that is missing', () => {
    expect(() =>
      scanLicenses({ root: workspace(), policy: { allowed: ['MIT'], exceptions: [] }, licensesJson: '/no/such.json' }),
    ).toThrow('PAVED-602 /no/such.json: file not found');
  });
});
