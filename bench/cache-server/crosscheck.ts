/**
 * The optional cross-check (BENCH_CROSSCHECK=autocannon): the same jobs sent by autocannon 8, in a
 * child process running load-worker.ts. Its numbers are reported next to wrk's and never used for
 * a target; they show whether a result depends on the load generator.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { type LoadGenerator, type LoadMeasurement } from './load';
import { type WorkerJob, type WorkerMessage } from './load-worker';
import { cpuSeconds } from './process-stats';

export const CROSSCHECK_GENERATORS = ['autocannon'] as const;

export function autocannonGenerator(workspaceRoot: string): LoadGenerator {
  const workerScript = join(__dirname, 'load-worker.ts');
  return {
    name: 'autocannon',
    run(job, warmupSeconds, measuring) {
      const worker = fork(workerScript, [], {
        cwd: workspaceRoot,
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const killer = setTimeout(() => worker.kill('SIGKILL'), ((warmupSeconds + job.seconds) * 2 + 60) * 1000);
      let start: { at: bigint; cpu?: number } | undefined;
      let result: LoadMeasurement | undefined;
      let failure: string | undefined;
      return new Promise<LoadMeasurement>((resolve, reject) => {
        worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'measuring') {
            start = { at: process.hrtime.bigint(), cpu: cpuSeconds(worker.pid ?? -1) };
            measuring();
          } else if (message.type === 'measured') {
            const end = cpuSeconds(worker.pid ?? -1);
            result = {
              ...message.measurement,
              generatorCpuSeconds: end !== undefined && start?.cpu !== undefined ? end - start.cpu : Number.NaN,
              generatorWallSeconds: start ? Number(process.hrtime.bigint() - start.at) / 1e9 : Number.NaN,
            };
          } else {
            failure = message.message;
          }
        });
        worker.once('exit', (code, signal) => {
          clearTimeout(killer);
          if (result) resolve(result);
          else reject(new Error(`autocannon failed: ${failure ?? `exited (code ${code}, signal ${signal})`}`));
        });
        worker.send({ job, warmupSeconds } satisfies WorkerJob);
      });
    },
  };
}
