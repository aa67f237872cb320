import { describe, expect, it } from 'vitest';
import { KeywordIndex, runDetectors, type SecretDetector } from './kit';

describe('KeywordIndex', () => {
  it('finds keywords at the start, at the end, overlapping and sharing a first pair, and one-character ones', () => {
    const index = new KeywordIndex(['ghp_', 'gho_', 'token', 'to', 'x', 'absent', 'en']);
    expect([...index.present('ghp_1 tokens gho_')].sort()).toEqual(['en', 'gho_', 'ghp_', 'to', 'token']);
    expect([...index.present('a x')]).toEqual(['x']);
    expect(index.present('')).toEqual(new Set());
  });
});

describe('runDetectors', () => {
  const detector = (keywords: string[]): SecretDetector => ({
    id: 'paved/test',
    what: 'test',
    keywords,
    pattern: /secret-\d+/g,
  });

  it('searches a file only when it holds one of the detector’s keywords, and always without keywords', () => {
    expect(runDetectors([detector(['vault'])], 'a', 'secret-1')).toEqual([]);
    expect(runDetectors([detector(['vault'])], 'a', 'VAULT secret-1')).toHaveLength(1);
    expect(runDetectors([detector([])], 'a', 'secret-1')).toHaveLength(1);
  });
});
