export interface CheckExecutorSchema {
  baseline?: string;
  format?: 'human' | 'json' | 'sarif' | 'codequality';
}
