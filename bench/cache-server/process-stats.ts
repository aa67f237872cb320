/** Resident memory and CPU time of a process, read from Linux's /proc. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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

/** Samples VmRSS every intervalMs until stopped; keeps the highest value seen. */
export class PeakRssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    this.peak = Math.max(this.peak, residentBytes(this.pid) ?? 0);
  }

  /** Takes a last sample and returns the peak in bytes. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}
