import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCRATCH_IDENTITY, scratchRepository } from './scratch-repository';

/** A git environment with no identity and signing required: what the repository's own config must override. */
function hostileHome(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'paved-repo-home-'));
  writeFileSync(join(home, '.gitconfig'), '[commit]\n\tgpgsign = true\n[gpg]\n\tprogram = false\n');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));
  return { ...inherited, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1' };
}

describe('scratchRepository', () => {
  it('commits on main as the scratch identity, even where the machine signs commits and has no identity', () => {
    const env = hostileHome();
    const repo = scratchRepository({ prefix: 'spec', env });
    expect(repo.root).toContain('paved-spec-');
    writeFileSync(join(repo.root, 'a.txt'), 'a\n');
    repo.commitAll('first');
    expect(repo.git('log', '--format=%an <%ae> %s', 'main').trim()).toBe(
      `${SCRATCH_IDENTITY.name} <${SCRATCH_IDENTITY.email}> first`,
    );
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('skips hooks when it commits', () => {
    const repo = scratchRepository();
    mkdirSync(join(repo.root, '.git', 'hooks'), { recursive: true });
    writeFileSync(join(repo.root, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    writeFileSync(join(repo.root, 'a.txt'), 'a\n');
    repo.commitAll('despite the hook');
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
  });

  it('is not steered into another repository by the GIT_* variables of a hook it runs under', () => {
    const outer = scratchRepository({ prefix: 'outer' });
    const saved = { GIT_DIR: process.env.GIT_DIR, GIT_INDEX_FILE: process.env.GIT_INDEX_FILE };
    process.env.GIT_DIR = join(outer.root, '.git');
    process.env.GIT_INDEX_FILE = join(outer.root, '.git', 'index');
    try {
      const inner = scratchRepository({ prefix: 'inner' });
      writeFileSync(join(inner.root, 'a.txt'), 'a\n');
      inner.commitAll('inner');
      expect(inner.git('rev-parse', '--show-toplevel').trim()).toBe(inner.root);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    expect(() => outer.git('rev-parse', 'HEAD')).toThrow();
  });

  it('makes a repository of a given folder, and a failing git command throws', () => {
    const root = mkdtempSync(join(tmpdir(), 'paved-given-'));
    const repo = scratchRepository({ root });
    expect(repo.root).toBe(root);
    expect(execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: root, encoding: 'utf-8' }).trim()).toBe(root);
    expect(() => repo.git('checkout', '-q', 'no-such-branch')).toThrow(/no-such-branch/);
  });
});
