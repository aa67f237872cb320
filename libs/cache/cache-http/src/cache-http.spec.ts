import { describe, expect, it } from 'vitest';
import { cacheHttp } from './cache-http';

describe('cacheHttp', () => {
  it('returns the library name', () => {
    expect(cacheHttp()).toBe('cache-http');
  });
});
