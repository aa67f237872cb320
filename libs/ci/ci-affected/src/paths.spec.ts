import { describe, expect, it } from 'vitest';
import { renderAffected } from './ci-affected';
import { affectedPaths } from './paths';

const edge = (source: string, target: string) => ({ source, target, type: 'static' });
// web -> api -> core, mobile -> core, docs alone, api -> npm:lodash, a cycle a <-> b.
const graph = {
  dependencies: {
    web: [edge('web', 'api')],
    api: [edge('api', 'core'), edge('api', 'npm:lodash')],
    mobile: [edge('mobile', 'core')],
    core: [],
    docs: [],
    a: [edge('a', 'b')],
    b: [edge('b', 'a')],
  },
};

describe('affectedPaths', () => {
  it('reaches every dependent, with a shortest path from the touched node', () => {
    const paths = affectedPaths(graph, ['core']);
    expect(Object.fromEntries(paths)).toEqual({
      core: ['core'],
      api: ['core', 'api'],
      mobile: ['core', 'mobile'],
      web: ['core', 'api', 'web'],
    });
  });

  it('starts from npm packages as from projects, and ends on cycles', () => {
    expect(Object.fromEntries(affectedPaths(graph, ['npm:lodash']))).toEqual({
      'npm:lodash': ['npm:lodash'],
      api: ['npm:lodash', 'api'],
      web: ['npm:lodash', 'api', 'web'],
    });
    expect(Object.fromEntries(affectedPaths(graph, ['a']))).toEqual({ a: ['a'], b: ['a', 'b'] });
  });

  it('keeps a touched node`s own path even when another touched node reaches it', () => {
    expect(affectedPaths(graph, ['core', 'api']).get('api')).toEqual(['api']);
    expect(affectedPaths(graph, []).size).toBe(0);
  });
});

describe('renderAffected', () => {
  const result = {
    base: 'a'.repeat(40),
    head: 'HEAD',
    files: ['libs/core/x.ts'],
    projects: [
      { name: 'api', path: ['core', 'api'] },
      { name: 'core', path: ['core'], touched: [{ kind: 'file' as const, because: ['libs/core/x.ts'] }] },
    ],
  };

  it('lists one project per line, as nx show projects does', () => {
    expect(renderAffected(result, false)).toBe('api\ncore\n');
  });

  it('says what touched a project and how the others depend on it', () => {
    const text = renderAffected(result, true);
    expect(text).toContain('2 project(s) affected by 1 changed file(s) between aaaaaaaaaaaa and HEAD');
    expect(text).toContain('core: changed file libs/core/x.ts');
    expect(text).toContain('api: through its dependencies api -> core');
  });
});
