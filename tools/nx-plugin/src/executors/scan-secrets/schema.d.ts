export interface ScanSecretsExecutorSchema {
  format?: 'human' | 'json' | 'sarif';
}
