import { formatProblem } from '@paved/errors';
import { type DoctorReport, type Verdict } from './model';

export const doctorFormats = ['human', 'json'] as const;
export type DoctorFormat = (typeof doctorFormats)[number];

const marks: Record<Verdict, { mark: string; color: number }> = {
  pass: { mark: '✔', color: 32 },
  warn: { mark: '!', color: 33 },
  fail: { mark: '✖', color: 31 },
};

/** Human: one line per check (hint and problems indented under it), what --fix did, a summary. JSON: the report. */
export function formatDoctorReport(report: DoctorReport, format: DoctorFormat, color = false): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const width = Math.max(...report.checks.map((c) => c.title.length));
  const lines = [`paved doctor: ${report.workspace}`];
  for (const check of report.checks) {
    const { mark, color: code } = marks[check.verdict];
    lines.push(`${paint(code, mark)} ${check.title.padEnd(width)}  ${check.reason}`);
    const indent = ' '.repeat(width + 4);
    for (const problem of check.problems ?? []) lines.push(`${indent}${formatProblem(problem)}`);
    if (check.verdict !== 'pass' && check.hint) lines.push(`${indent}→ ${check.hint}`);
  }
  for (const fix of report.fixes) {
    lines.push(`${fix.fixed ? 'fixed' : 'could not fix'} ${fix.check}: ${fix.result}`);
  }
  const { pass, warn, fail } = report.summary;
  const summary = `${pass} passed, ${warn} warning${warn === 1 ? '' : 's'}, ${fail} failed`;
  lines.push(report.ok ? paint(32, `✔ ${summary}`) : paint(31, `✖ ${summary}`));
  return `${lines.join('\n')}\n`;
}
