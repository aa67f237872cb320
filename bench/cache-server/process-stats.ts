/** Resident memory and CPU time of a process, read from Linux's /proc. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** VmRSS in bytes, or undefined once the process is gone. */
export function residentBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf-8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf-8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds of all the process's threads (libuv's file I/O pool included). */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf-8');
    // Fields after the command name, which may itself contain spaces: utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds the whole machine spent busy (all cores; idle and iowait excluded). Minus the server's
 * and the generator's share, it shows how much else ran during a measurement (other jobs, the host).
 */
export function machineBusySeconds(): number | undefined {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf-8').split('\n')[0].trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal: guest time is already inside user.
    const [user, nice, system, , , irq, softirq, steal] = ticks;
    return (user + nice + system + irq + softirq + steal) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}

/** The pids whose parent is `pid` (nginx's workers under its master). */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf-8');
      // Field 4, the parent pid, is the second after the command name.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return children;
}

/** CPU seconds of several processes together (nginx: master and workers); undefined if one is gone. */
export function totalCpuSeconds(pids: readonly number[]): number | undefined {
  let total = 0;
  for (const pid of pids) {
    const seconds = cpuSeconds(pid);
    if (seconds === undefined) return undefined;
    total += seconds;
  }
  return total;
}

/** VmRSS of several processes added up (shared pages count once per process), or undefined if none is left. */
export function totalResidentBytes(pids: readonly number[]): number | undefined {
  const each = pids.map(residentBytes).filter((bytes) => bytes !== undefined);
  return each.length === 0 ? undefined : each.reduce((sum, bytes) => sum + bytes, 0);
}

/** Samples the summed VmRSS of pids every intervalMs until stopped; keeps the highest value seen. */
export class PeakRssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pids: readonly number[],
    intervalMs = 100,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    this.peak = Math.max(this.peak, totalResidentBytes(this.pids) ?? 0);
  }

  /** Takes a last sample and returns the peak in bytes. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}
