import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WatchedInputs } from './watched-inputs';

describe('WatchedInputs', () => {
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  /** A later modification time, as an editor's save a second later would leave. */
  const touch = (file: string) => utimesSync(join(root, file), new Date(), new Date(Date.now() + 5000));

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'paved-watched-'));
    write('paved.json', '{}\n');
    write('libs/rules/src/index.ts', 'export const rules = {};\n');
    write('libs/app/src/main.ts', 'export const main = 1;\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('sees a deciding file change, and one appear that was absent', () => {
    const watched = new WatchedInputs(root, {});
    expect(watched.changed()).toBeUndefined();
    touch('paved.json');
    expect(watched.changed()).toBe('paved.json');

    const appeared = new WatchedInputs(root, {});
    write('eslint.config.mjs', 'export default [];\n');
    expect(appeared.changed()).toBe('eslint.config.mjs');
  });

  it('watches the workspace files this process reads, not node_modules, outside files or linted files', () => {
    const watched = new WatchedInputs(root, {});
    watched.watchReads();
    write('node_modules/plugin/index.js', 'module.exports = {};\n');
    const outside = mkdtempSync(join(tmpdir(), 'paved-outside-'));
    writeFileSync(join(outside, 'shared.js'), '\n');
    watched.ignore([join(root, 'libs/app/src/main.ts')]);
    for (const file of ['libs/rules/src/index.ts', 'node_modules/plugin/index.js', 'libs/app/src/main.ts'])
      readFileSync(join(root, file), 'utf-8');
    readFileSync(join(outside, 'shared.js'));

    touch('node_modules/plugin/index.js');
    touch('libs/app/src/main.ts');
    utimesSync(join(outside, 'shared.js'), new Date(), new Date(Date.now() + 5000));
    expect(watched.changed()).toBeUndefined();
    touch('libs/rules/src/index.ts');
    expect(watched.changed()).toBe(join('libs', 'rules', 'src', 'index.ts'));
    rmSync(outside, { recursive: true, force: true });
  });

  it('keeps watching a deciding file that is also linted (eslint.config.ts staged)', () => {
    write('eslint.config.ts', 'export default [];\n');
    const watched = new WatchedInputs(root, {});
    watched.ignore([join(root, 'eslint.config.ts')]);
    touch('eslint.config.ts');
    expect(watched.changed()).toBe('eslint.config.ts');
  });

  it("watches Nx's project graph where NX_WORKSPACE_DATA_DIRECTORY puts it", () => {
    const dataDir = join(root, 'custom-nx-data');
    const watched = new WatchedInputs(root, { NX_WORKSPACE_DATA_DIRECTORY: dataDir });
    write('custom-nx-data/project-graph.json', '{}\n');
    expect(watched.changed()).toBe(join('custom-nx-data', 'project-graph.json'));
  });
});
