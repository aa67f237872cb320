export {
  scanSecrets,
  scanModes,
  type SecretsSettings,
  type SecretsScanMode,
  type SecretsScanRequest,
  type SecretsScanResult,
} from './scan';
export { secretsRenderers } from './report';
export { secretsScanner, type SecretsScanOptions } from './secrets-scanner';
export { detectSecrets } from './detector';
export { pavedRuleIds, type PavedRuleId } from './rules';
export { maskSecret, fingerprintOf, type SecretFinding } from './finding';
export { compileAllowlist, globToRegExp, type Allowlist, type AllowEntry } from './allowlist';
export {
  createSecretsBaseline,
  readSecretsBaseline,
  secretsBaselineLocation,
  type SecretsBaseline,
  type SecretsBaselineEntry,
} from './baseline';
export {
  baselineFromGitleaksReport,
  type GitleaksImportRequest,
  type GitleaksImportResult,
} from './gitleaks/baseline-from-report';
export { GITLEAKS_CONFIG_FILE } from './gitleaks/rule-set';
