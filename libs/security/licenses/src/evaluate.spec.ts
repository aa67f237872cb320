import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateLicenses, type LicensePolicy } from './evaluate';
import { readPnpmLicenses } from './pnpm-licenses';

const installed = readPnpmLicenses(readFileSync(join(__dirname, '..', 'fixtures', 'pnpm-licenses.json'), 'utf-8'));
const policy: LicensePolicy = { allowed: ['MIT', 'Apache-2.0', 'Zlib'], exceptions: [] };
const root = { file: 'package.json', name: '@acme/source', private: true, license: 'MIT' };

describe('readPnpmLicenses', () => {
  it('lists one row per installed version with the license pnpm read', () => {
    expect(installed).toHaveLength(13);
    expect(installed.filter((p) => p.name === 'gpl-lib')).toEqual([
      { name: 'gpl-lib', version: '1.0.0', license: 'GPL-3.0-only' },
      { name: 'gpl-lib', version: '2.0.0', license: 'GPL-3.0-only' },
    ]);
  });

  it.each([
    ['not json', 'not JSON'],
    ['[]', 'expected an object keyed by license'],
    ['{"MIT": {}}', '"MIT" is not a list of packages'],
    ['{"MIT": [{"name": "a"}]}', '"MIT"[0] has no name or versions'],
  ])('refuses %s naming the source', (text, message) => {
    expect(() => readPnpmLicenses(text, 'saved.json')).toThrow(message);
    expect(() => readPnpmLicenses(text, 'saved.json')).toThrow(/^PAVED-602 saved\.json: /);
  });
});

describe('evaluateLicenses', () => {
  const report = evaluateLicenses({
    installed,
    workspacePackages: [root],
    policy,
    pathsOf: (name, version) => [`apps/api > ${name}@${version}`],
  });

  it('reports each denied version with the failing ids and importer paths', () => {
    expect(report.ok).toBe(false);
    expect(report.findings.filter((f) => f.kind === 'denied')).toEqual([
      {
        kind: 'denied',
        package: 'gpl-lib',
        version: '1.0.0',
        license: 'GPL-3.0-only',
        denied: ['GPL-3.0-only'],
        paths: ['apps/api > gpl-lib@1.0.0'],
      },
      expect.objectContaining({ package: 'gpl-lib', version: '2.0.0' }),
      expect.objectContaining({ package: 'mixed-data', denied: ['CC-BY-4.0'] }),
    ]);
  });

  it('sends Unknown, SEE LICENSE IN, non-SPDX and deprecated ids to review', () => {
    expect(
      report.findings.filter((f) => f.kind === 'needs-review').map((f) => [f.package, 'reason' in f ? f.reason : '']),
    ).toEqual([
      ['deprecated-id', '"GPL-2.0" is a deprecated SPDX id whose meaning is ambiguous'],
      ['old-x11', '"MIT/X11" is not an SPDX license expression'],
      ['only', 'no license declared'],
      ['spawndamnit', 'no license declared'],
      ['vendor-sdk', 'custom license terms ("SEE LICENSE IN LICENSE.md")'],
    ]);
  });

  it('passes the clean controls: MIT, Apache-2.0, an OR with one allowed side, an AND of allowed ids', () => {
    const flagged = new Set(report.findings.map((f) => f.package));
    for (const clean of ['ms', 'debug', 'typescript', 'jszip', 'pako']) expect(flagged.has(clean)).toBe(false);
    expect(report.packagesChecked).toBe(13);
  });

  it('accepts reviewed exceptions by name or exact version, and lists the ones matching nothing', () => {
    const reviewed = evaluateLicenses({
      installed,
      workspacePackages: [],
      policy: {
        ...policy,
        exceptions: [
          { name: 'gpl-lib', version: '2.0.0', reason: 'build tool only, legal review 2024-05' },
          { name: 'only', reason: 'MIT per its Readme' },
          { name: 'vendor-sdk', license: 'SEE LICENSE IN EULA.txt', reason: 'reviewed the EULA of 3.x' },
          { name: 'left-pad', reason: 'removed long ago' },
        ],
      },
    });
    const findings = reviewed.findings.map((f) => `${f.package}@${'version' in f ? f.version : ''}`);
    expect(findings).toContain('gpl-lib@1.0.0');
    expect(findings).not.toContain('gpl-lib@2.0.0');
    expect(findings).not.toContain('only@0.0.2');
    // Reviewed under another license string: the review does not cover what it declares now.
    expect(findings).toContain('vendor-sdk@4.2.0');
    expect(reviewed.excepted).toEqual([
      {
        package: 'gpl-lib',
        version: '2.0.0',
        license: 'GPL-3.0-only',
        reason: 'build tool only, legal review 2024-05',
      },
      { package: 'only', version: '0.0.2', license: 'Unknown', reason: 'MIT per its Readme' },
    ]);
    expect(reviewed.unusedExceptions.map((e) => e.name)).toEqual(['vendor-sdk', 'left-pad']);
  });

  it('requires a publishable workspace package to declare an SPDX license; a private one needs none', () => {
    const workspace = evaluateLicenses({
      installed: [],
      policy,
      workspacePackages: [
        root,
        { file: 'libs/a/package.json', name: '@acme/a', private: true },
        { file: 'libs/b/package.json', name: '@acme/b', private: false, license: 'Apache 2' },
        { file: 'libs/c/package.json', name: '@acme/c', private: true, license: 'UNLICENSED' },
        { file: 'libs/d/package.json', name: '@acme/d', private: false, license: 'UNLICENSED' },
        { file: 'libs/e/package.json', name: '@acme/e', private: false, license: { type: 'MIT' } },
        { file: 'libs/f/package.json', name: '@acme/f', private: false, license: 'GPL-3.0-only' },
        { file: 'libs/g/package.json', name: '@acme/g', private: false },
      ],
    });
    // @acme/a is private without a license: not a finding. @acme/g can be published without one: a finding.
    expect(workspace.findings).toEqual([
      {
        kind: 'workspace-license',
        package: '@acme/b',
        file: 'libs/b/package.json',
        license: 'Apache 2',
        reason: '"Apache 2" is not an SPDX license expression',
      },
      expect.objectContaining({ package: '@acme/d', reason: expect.stringContaining('not private') }),
      expect.objectContaining({ package: '@acme/e', reason: '"license" must be an SPDX expression string' }),
      {
        kind: 'workspace-license',
        package: '@acme/g',
        file: 'libs/g/package.json',
        reason: 'no "license" field on a package that can be published',
      },
    ]);
    expect(workspace.workspacePackagesChecked).toBe(8);
  });
});
