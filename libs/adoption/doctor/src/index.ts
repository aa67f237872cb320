export { diagnose, doctorChecks, doctorWorkspaceRoot, type DiagnoseOptions } from './doctor';
export { formatDoctorReport, doctorFormats, type DoctorFormat } from './report';
export {
  systemEnvironment,
  runCommand,
  DEFAULT_HTTP_TIMEOUT_MS,
  type CommandResult,
  type CommandRunner,
  type DoctorEnvironment,
  type Env,
  type Fetch,
} from './environment';
export type { Check, CheckOutcome, CheckReport, DoctorContext, DoctorReport, Fix, FixReport, Verdict } from './model';
export { TOKEN_RIGHTS_PATH, type TokenRights } from './checks/remote-cache';
