import { describe, expect, it } from 'vitest';
import { fingerprintOf, maskSecret, positionOf, toFinding } from './finding';

describe('findings', () => {
  it('masks a secret down to a short prefix and its length', () => {
    expect(maskSecret('ghp_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78')).toBe('ghp_…(40 chars)');
    expect(maskSecret('s3cr3tpw')).toBe('s3…(8 chars)');
    expect(maskSecret('pw12')).toBe('…(4 chars)');
  });

  it('fingerprints rule, path and secret: stable, and different when any of them changes', () => {
    const base = fingerprintOf('paved/jwt', 'a.ts', 'secret-value');
    expect(fingerprintOf('paved/jwt', 'a.ts', 'secret-value')).toBe(base);
    expect(fingerprintOf('paved/jwt', 'b.ts', 'secret-value')).not.toBe(base);
    expect(fingerprintOf('paved/google-api-key', 'a.ts', 'secret-value')).not.toBe(base);
    expect(fingerprintOf('paved/jwt', 'a.ts', 'other-value')).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{32}$/);
  });

  it('locates an offset as 1-based line and column', () => {
    expect(positionOf('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(positionOf('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });

  it('builds a finding that holds no trace of the secret', () => {
    const secret = 'Zx81kPq0rT5vW2yB7nM4cL9dF3hJ6gS1';
    const text = `line one\nconst API_KEY = '${secret}';\n`;
    const finding = toFinding(
      { ruleId: 'paved/generic-high-entropy', message: 'm', secret, start: text.indexOf(secret) },
      'src/a.ts',
      text,
      'c0ffee',
    );
    expect(finding).toMatchObject({
      file: 'src/a.ts',
      line: 2,
      column: 18,
      commit: 'c0ffee',
      preview: 'Zx81…(32 chars)',
    });
    expect(JSON.stringify(finding)).not.toContain(secret.slice(4));
  });
});
