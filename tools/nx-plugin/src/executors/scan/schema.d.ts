export type Scanner = 'secrets' | 'deps' | 'licenses';

export interface ScanExecutorSchema {
  scanners?: Scanner[];
  failOn?: 'low' | 'moderate' | 'high' | 'critical';
  advisories?: string;
  licensesJson?: string;
  format?: 'human' | 'json' | 'sarif' | 'codequality';
}
