import { type Problem } from '@paved/errors';
import { isPattern, patternsOverlap } from './namespaces';
import { type CacheConfig } from './schema';

/**
 * The CREEP rules a configuration must obey. Errors stop the server; warnings
 * are logged at start-up.
 */
export function checkTrustModel(config: CacheConfig, file: string): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const seenNames = new Set<string>();
  const seenHashes = new Set<string>();

  config.tokens.forEach((token, index) => {
    const keyPath = `tokens[${index}]`;
    if (seenNames.has(token.name)) {
      errors.push({
        code: 'PAVED-304',
        file,
        keyPath: `${keyPath}.name`,
        message: `token name "${token.name}" is used twice`,
      });
    }
    if (seenHashes.has(token.sha256)) {
      errors.push({
        code: 'PAVED-304',
        file,
        keyPath: `${keyPath}.sha256`,
        message: `token "${token.name}" has the same secret as another token`,
        hint: 'every holder needs its own token so that provenance and revocation work',
      });
    }
    seenNames.add(token.name);
    seenHashes.add(token.sha256);

    if (token.write && isPattern(token.write)) {
      // A write pattern reaching any protected namespace would let one token write trusted and
      // untrusted namespaces alike: decided exactly, since patterns like `v*` and `*-stable` share names.
      const write = token.write;
      const writesProtected = config.protectedNamespaces.some((protectedPattern) =>
        patternsOverlap(write, protectedPattern),
      );
      if (writesProtected) {
        errors.push({
          code: 'PAVED-304',
          file,
          keyPath: `${keyPath}.write`,
          message: `token "${token.name}" may write "${token.write}", which covers protected and unprotected namespaces alike`,
          hint: 'give trusted (main) and untrusted (PR) builds separate tokens: that is what stops cache poisoning (CREEP)',
        });
      }
    }
    if (token.read.length === 0 && !token.write && !token.admin) {
      warnings.push({ code: 'PAVED-304', file, keyPath, message: `token "${token.name}" can do nothing` });
    }
  });
  return { errors, warnings };
}
