import {
  diagnose,
  doctorFormats,
  doctorWorkspaceRoot,
  formatDoctorReport,
  systemEnvironment,
  type DoctorFormat,
} from '@paved/doctor';
import { usage } from './args';

export interface DoctorFlags {
  fix?: true;
  format?: string;
}

/** `paved doctor [--fix]`: what is off in this workspace and on this machine. Returns the exit code. */
export async function runDoctor(flags: DoctorFlags, out: (text: string) => void): Promise<0 | 1> {
  const format = (flags.format ?? 'human') as DoctorFormat;
  if (!doctorFormats.includes(format))
    throw usage(`--format must be one of ${doctorFormats.join(', ')} for doctor, got "${flags.format}"`);
  const root = doctorWorkspaceRoot(process.cwd());
  const report = await diagnose({ environment: systemEnvironment(root), fix: flags.fix === true });
  out(formatDoctorReport(report, format, format === 'human' && process.stdout.isTTY === true));
  return report.ok ? 0 : 1;
}
