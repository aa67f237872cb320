import { diagnose, doctorWorkspaceRoot, formatDoctorReport, systemEnvironment, type DoctorFormat } from '@paved/doctor';

export interface DoctorFlags {
  fix?: true;
  format?: DoctorFormat;
}

/** `paved doctor [--fix]`: what is off in this workspace and on this machine. Returns the exit code. */
export async function runDoctor(flags: DoctorFlags, out: (text: string) => void): Promise<0 | 1> {
  const format = flags.format ?? 'human';
  const root = doctorWorkspaceRoot(process.cwd());
  const report = await diagnose({ environment: systemEnvironment(root), fix: flags.fix === true });
  out(formatDoctorReport(report, format, format === 'human' && process.stdout.isTTY === true));
  return report.ok ? 0 : 1;
}
