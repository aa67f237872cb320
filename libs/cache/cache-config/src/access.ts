import { createHash, timingSafeEqual } from 'node:crypto';
import { globToRegExp, isPattern, matchesAny } from './namespaces';
import { type CacheConfig, type TokenConfig } from './schema';

export interface Principal {
  name: string;
  admin: boolean;
}

interface CompiledToken {
  principal: Principal;
  digest: Buffer;
  read: { pattern: string; regex: RegExp }[];
  write?: RegExp;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Who may read and write which namespace. The client sends nothing but a
 * bearer token (Nx sends no branch or CI header), so the token alone decides.
 */
export class AccessControl {
  private readonly tokens: CompiledToken[];
  private readonly protectedPatterns: RegExp[];

  constructor(config: Pick<CacheConfig, 'tokens' | 'protectedNamespaces'>) {
    this.protectedPatterns = config.protectedNamespaces.map(globToRegExp);
    this.tokens = config.tokens.map((token: TokenConfig) => ({
      principal: { name: token.name, admin: token.admin },
      digest: Buffer.from(token.sha256, 'hex'),
      read: token.read.map((pattern) => ({ pattern, regex: globToRegExp(pattern) })),
      write: token.write === undefined ? undefined : globToRegExp(token.write),
    }));
  }

  /** The principal behind an `Authorization: Bearer <token>` header, or undefined. */
  authenticate(authorization: string | undefined): CompiledToken | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return undefined;
    const digest = createHash('sha256').update(match[1]).digest();
    // Compare against every token, without stopping early, so timing says nothing about which one matched.
    let found: CompiledToken | undefined;
    for (const token of this.tokens) {
      if (timingSafeEqual(digest, token.digest)) found ??= token;
    }
    return found;
  }

  isProtected(namespace: string): boolean {
    return matchesAny(namespace, this.protectedPatterns);
  }

  /**
   * The namespaces to look in, in order, for a read of `namespace`; undefined
   * when the token may not read it. A pattern in the token's read list stands
   * for the requested namespace when it matches. A read of a protected
   * namespace only ever looks in protected namespaces.
   */
  readChain(token: CompiledToken, namespace: string): string[] | undefined {
    const chain: string[] = [];
    for (const { pattern, regex } of token.read) {
      const resolved = isPattern(pattern) ? (regex.test(namespace) ? namespace : undefined) : pattern;
      if (resolved !== undefined && !chain.includes(resolved)) chain.push(resolved);
    }
    if (!chain.includes(namespace)) return undefined;
    return this.isProtected(namespace) ? chain.filter((n) => this.isProtected(n)) : chain;
  }

  canWrite(token: CompiledToken, namespace: string): boolean {
    return token.write?.test(namespace) ?? false;
  }
}

export type AuthenticatedToken = NonNullable<ReturnType<AccessControl['authenticate']>>;
