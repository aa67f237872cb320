import { describe, expect, it } from 'vitest';
import { tempWorkspace, testContext } from '../testing-context';
import { checkNxPlugin } from './nx-plugin';

/** A workspace whose node_modules holds a resolvable @paved/nx. */
const withPlugin = (nxJson: string) =>
  tempWorkspace({
    'nx.json': nxJson,
    'node_modules/@paved/nx/package.json': JSON.stringify({ name: '@paved/nx', main: './src/index.js' }),
    'node_modules/@paved/nx/src/index.js': 'module.exports = {};\n',
  });

describe('checkNxPlugin', () => {
  it('passes the string and the object form of the entry, when the plugin is installed', () => {
    expect(checkNxPlugin(testContext(withPlugin(JSON.stringify({ plugins: ['@nx/js', '@paved/nx'] }))))).toMatchObject({
      verdict: 'pass',
      reason: '@paved/nx is registered in nx.json (plugins[1]) and installed',
      details: { form: 'string' },
    });
    const object = JSON.stringify({ plugins: [{ plugin: '@paved/nx', options: { checkTargetName: 'check' } }] });
    expect(checkNxPlugin(testContext(withPlugin(object)))).toMatchObject({
      verdict: 'pass',
      details: { form: 'object' },
    });
  });

  it('reads nx.json with comments and trailing commas, as Nx does', () => {
    const text = '{\n  // Paved\n  "plugins": ["@paved/nx",],\n}\n';
    expect(checkNxPlugin(testContext(withPlugin(text))).verdict).toBe('pass');
  });

  it('fails when the plugin is not registered, or registered but not installed', () => {
    expect(
      checkNxPlugin(testContext(withPlugin(JSON.stringify({ plugins: ['@nx/js', { plugin: '@nx/eslint/plugin' }] })))),
    ).toMatchObject({
      verdict: 'fail',
      reason: 'nx.json plugins has no @paved/nx entry: the check and scan targets are not inferred',
      hint: expect.stringContaining('nx add @paved/nx'),
    });
    expect(checkNxPlugin(testContext(withPlugin('{}'))).verdict).toBe('fail');
    expect(
      checkNxPlugin(testContext(tempWorkspace({ 'nx.json': JSON.stringify({ plugins: ['@paved/nx'] }) }))),
    ).toMatchObject({
      verdict: 'fail',
      reason: '@paved/nx is registered in nx.json but not installed: every nx command fails to load it',
      details: { installed: false },
    });
  });

  it('fails an nx.json that is not JSON', () => {
    expect(checkNxPlugin(testContext(tempWorkspace({ 'nx.json': '{"plugins": [' })))).toMatchObject({
      verdict: 'fail',
      reason: expect.stringMatching(/^nx\.json is not valid JSON: \w+ at offset \d+$/),
    });
  });
});
