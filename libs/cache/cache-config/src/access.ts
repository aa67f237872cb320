import { createHash, timingSafeEqual } from 'node:crypto';
import { isPattern, NamespaceMatcher } from './namespaces';
import { type CacheConfig, type TokenConfig } from './schema';

export interface Principal {
  name: string;
  admin: boolean;
}

interface CompiledToken {
  principal: Principal;
  digest: Buffer;
  /** In the configured order: the order readChain looks in. */
  read: { pattern: string; matcher: NamespaceMatcher }[];
  write?: { pattern: string; matcher: NamespaceMatcher };
  /** May see per-namespace series on /metrics. */
  metrics: boolean;
}

/**
 * What a token may do in one namespace, as `GET /v1/paved/token` answers it (for `paved doctor`).
 * Names and patterns only: nothing here is secret.
 */
export interface TokenRights {
  token: { name: string; admin: boolean };
  /** The namespace the request resolved to (its /ns/<namespace> prefix, or the default). */
  namespace: string;
  protected: boolean;
  read: {
    allowed: boolean;
    /** Namespaces a read of this namespace looks in, in order; empty when not allowed. */
    lookup: string[];
    /** The token's configured read list. */
    patterns: string[];
  };
  write: { allowed: boolean; pattern: string | null };
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
  private readonly protectedNamespaces: NamespaceMatcher;

  constructor(config: Pick<CacheConfig, 'tokens' | 'protectedNamespaces'>) {
    this.protectedNamespaces = new NamespaceMatcher(config.protectedNamespaces);
    this.tokens = config.tokens.map((token: TokenConfig) => ({
      principal: { name: token.name, admin: token.admin },
      digest: Buffer.from(token.sha256, 'hex'),
      read: token.read.map((pattern) => ({ pattern, matcher: new NamespaceMatcher([pattern]) })),
      write:
        token.write === undefined ? undefined : { pattern: token.write, matcher: new NamespaceMatcher([token.write]) },
      metrics: token.metrics || token.admin,
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
    return this.protectedNamespaces.matches(namespace);
  }

  /**
   * The namespaces to look in, in order, for a read of `namespace`; undefined
   * when the token may not read it. A pattern in the token's read list stands
   * for the requested namespace when it matches. A read of a protected
   * namespace only ever looks in protected namespaces.
   */
  readChain(token: CompiledToken, namespace: string): string[] | undefined {
    const chain: string[] = [];
    for (const { pattern, matcher } of token.read) {
      const resolved = isPattern(pattern) ? (matcher.matches(namespace) ? namespace : undefined) : pattern;
      if (resolved !== undefined && !chain.includes(resolved)) chain.push(resolved);
    }
    if (!chain.includes(namespace)) return undefined;
    return this.isProtected(namespace) ? chain.filter((n) => this.isProtected(n)) : chain;
  }

  canWrite(token: CompiledToken, namespace: string): boolean {
    return token.write?.matcher.matches(namespace) ?? false;
  }

  /** Whether /metrics shows this token the series per namespace (the `metrics` right, or admin). */
  canReadNamespaceMetrics(token: CompiledToken): boolean {
    return token.metrics;
  }

  /** The rights readChain and canWrite enforce, described for one namespace. */
  rightsOf(token: CompiledToken, namespace: string): TokenRights {
    const lookup = this.readChain(token, namespace);
    return {
      token: { ...token.principal },
      namespace,
      protected: this.isProtected(namespace),
      read: { allowed: lookup !== undefined, lookup: lookup ?? [], patterns: token.read.map((r) => r.pattern) },
      write: { allowed: this.canWrite(token, namespace), pattern: token.write?.pattern ?? null },
    };
  }
}

export type AuthenticatedToken = NonNullable<ReturnType<AccessControl['authenticate']>>;
