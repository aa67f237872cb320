import type { ESLint, Linter } from 'eslint';
import { noDynamicRegexp, noShellInjection } from './rules';

// Both plugins ship no types; ESLint is the only consumer, through the Plugin interface.
const security = require('eslint-plugin-security') as ESLint.Plugin;
const noUnsanitized = require('eslint-plugin-no-unsanitized') as ESLint.Plugin;

export const pavedSecurityPlugin: ESLint.Plugin = {
  meta: { name: '@paved/eslint-security' },
  rules: { 'no-shell-injection': noShellInjection, 'no-dynamic-regexp': noDynamicRegexp },
};

/**
 * The security part of Paved's lint preset. Rules that fire on ordinary code
 * (object-injection on every `obj[key]`, non-literal fs paths) are off: a rule
 * developers learn to ignore protects nothing.
 */
export function securityConfigs(
  files: string[] = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
): Linter.Config[] {
  return [
    {
      files,
      // no-implied-eval only recognises the timer functions as globals it knows about.
      languageOptions: { globals: { setTimeout: 'readonly', setInterval: 'readonly', setImmediate: 'readonly' } },
      plugins: {
        security,
        'no-unsanitized': noUnsanitized,
        'paved-security': pavedSecurityPlugin,
      },
      rules: {
        'no-eval': 'error',
        'no-implied-eval': 'error',
        'no-new-func': 'error',
        'security/detect-unsafe-regex': 'error',
        'security/detect-bidi-characters': 'error',
        'security/detect-buffer-noassert': 'error',
        'security/detect-new-buffer': 'error',
        'security/detect-pseudoRandomBytes': 'error',
        'no-unsanitized/method': 'error',
        'no-unsanitized/property': 'error',
        'paved-security/no-shell-injection': 'error',
        'paved-security/no-dynamic-regexp': 'error',
        // no-eval reports the same calls.
        'security/detect-eval-with-expression': 'off',
        // Covered by the two rules above, which also catch execSync, spawn with shell: true and RegExp() without new.
        'security/detect-child-process': 'off',
        'security/detect-non-literal-regexp': 'off',
        // Noisy on ordinary code.
        'security/detect-object-injection': 'off',
        'security/detect-non-literal-fs-filename': 'off',
      },
    },
  ];
}
