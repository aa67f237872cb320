/**
 * bench:ci:cache: what a CI machine that starts from nothing pays when the remote cache is warm.
 * In a synthetic workspace of 100 projects (a dependency graph; each build does real work on its
 * files and writes outputs), `nx run-many -t build` is timed three ways in the same run:
 *
 * - no cache: every task runs (`--skip-nx-cache`);
 * - warm local cache: what a developer's second run costs, outputs deleted first so both cached
 *   runs restore them;
 * - warm remote cache: a fresh runner (an empty local cache, no record of one, no outputs) that
 *   takes every task from the built paved-cache server over HTTP on loopback.
 *
 * Each is repeated (default 5); the report gives medians with their range and the ratios. Goal:
 * warm remote within 1.3x of warm local.
 *
 *   pnpm bench:ci:cache [--projects 100] [--repeats 5]
 */
import { ScratchWorkspace, startCacheServerProcess } from '@paved/scratch';
import { hashToken } from '@paved/cache-config';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOurServer } from '../cache-server/servers';
import { wholeNumberOption } from './options';

const projects = wholeNumberOption('projects', 100);
const repeats = wholeNumberOption('repeats', 5);
const workspaceRoot = join(__dirname, '..', '..');
const token = 'bench-ci-cache-token';

// A build: hash the project's sources a few thousand times (about a tenth of a second of CPU)
// and write what it made, as a compiler would.
const buildScript = `
const { createHash } = require('node:crypto');
const { mkdirSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const [root, out] = process.argv.slice(2);
const sources = readdirSync(root + '/src').map((file) => readFileSync(root + '/src/' + file));
let digest = Buffer.alloc(32);
for (let round = 0; round < 4000; round += 1) {
  const hash = createHash('sha256').update(digest);
  for (const source of sources) hash.update(source);
  digest = hash.digest();
}
mkdirSync(out, { recursive: true });
for (let index = 0; index < 8; index += 1) writeFileSync(out + '/chunk' + index + '.js', digest.toString('hex').repeat(2048));
`;

function workspace(): ScratchWorkspace {
  const ws = ScratchWorkspace.create({ toolchainRoot: workspaceRoot });
  const nxJson = JSON.parse(ws.read('nx.json'));
  ws.write('nx.json', JSON.stringify({ ...nxJson, plugins: [] }, null, 2));
  ws.write('build.cjs', buildScript);
  ws.write('.gitignore', 'node_modules\n.nx\ndist\n');
  for (let index = 0; index < projects; index += 1) {
    const name = `p${String(index).padStart(3, '0')}`;
    const root = `libs/${name}`;
    // Each depends on up to three earlier projects: a graph with depth, as real workspaces have.
    const dependsOn = [1, 7, 23]
      .filter((step) => index - step >= 0 && (index * step) % 3 !== 0)
      .map((step) => `p${String(index - step).padStart(3, '0')}`);
    ws.write(
      `${root}/project.json`,
      JSON.stringify({
        name,
        root,
        implicitDependencies: dependsOn,
        targets: {
          build: {
            executor: 'nx:run-commands',
            cache: true,
            dependsOn: ['^build'],
            inputs: ['{projectRoot}/**/*', '^{projectRoot}/**/*'],
            outputs: [`{workspaceRoot}/dist/${root}`],
            options: { command: `node build.cjs ${root} dist/${root}` },
          },
        },
      }),
    );
    for (let file = 0; file < 5; file += 1)
      ws.write(`${root}/src/f${file}.ts`, `export const ${name}_${file} = ${JSON.stringify(name.repeat(200))};\n`);
  }
  ws.commitAll('bench workspace');
  return ws;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values: readonly number[]) =>
  `${(median(values) / 1000).toFixed(2)} s (${(Math.min(...values) / 1000).toFixed(2)}–${(Math.max(...values) / 1000).toFixed(2)})`;

async function main(): Promise<void> {
  const serverBinary = join(buildOurServer(workspaceRoot), 'main.cjs');
  const ws = workspace();
  const folders: string[] = [];
  const fresh = (prefix: string) => {
    const folder = mkdtempSync(join(tmpdir(), prefix));
    folders.push(folder);
    return folder;
  };
  const server = await startCacheServerProcess(serverBinary, {
    PAVED_CACHE_HOST: '127.0.0.1',
    PAVED_CACHE_PORT: '0',
    PAVED_CACHE_DIR: fresh('bench-ci-cache-store-'),
    PAVED_CACHE_TOKENS: JSON.stringify([{ name: 'ci-main', sha256: hashToken(token), read: ['main'], write: 'main' }]),
  });
  const remote = { NX_SELF_HOSTED_REMOTE_CACHE_SERVER: server.url, NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: token };
  const run = (env: NodeJS.ProcessEnv, ...args: string[]) => {
    rmSync(ws.path('dist'), { recursive: true, force: true });
    const started = process.hrtime.bigint();
    const result = spawnSync(
      ws.path('node_modules/.bin/nx'),
      ['run-many', '-t', 'build', '--outputStyle=static', ...args],
      { cwd: ws.root, encoding: 'utf-8', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', ...env } },
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`nx run-many failed:\n${result.stdout}\n${result.stderr}`);
    const hits = /(\d+) out of (\d+) tasks/.exec(result.stdout);
    return { ms, fromCache: hits ? Number(hits[1]) : 0 };
  };
  const freshRunner = () => ({
    NX_CACHE_DIRECTORY: fresh('bench-ci-cache-nx-'),
    NX_WORKSPACE_DATA_DIRECTORY: fresh('bench-ci-cache-data-'),
  });
  try {
    const local = fresh('bench-ci-cache-local-');
    const localEnv = { NX_CACHE_DIRECTORY: local, NX_WORKSPACE_DATA_DIRECTORY: fresh('bench-ci-cache-local-data-') };
    run(localEnv); // fills the local cache
    run({ ...freshRunner(), ...remote }); // fills the remote cache, as a main pipeline does
    const times = { none: [] as number[], local: [] as number[], remote: [] as number[] };
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      // Interleaved, so a slower moment of the machine weighs on all three alike.
      times.none.push(run(freshRunner(), '--skip-nx-cache').ms);
      const warmLocal = run(localEnv);
      const warmRemote = run({ ...freshRunner(), ...remote });
      if (warmLocal.fromCache !== projects || warmRemote.fromCache !== projects)
        throw new Error(
          `expected ${projects} cached tasks, got ${warmLocal.fromCache} local, ${warmRemote.fromCache} remote`,
        );
      times.local.push(warmLocal.ms);
      times.remote.push(warmRemote.ms);
    }
    const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
    console.log(`${projects} projects, nx run-many -t build, ${repeats} runs each (median, min–max)\n`);
    console.log('| cache | wall time |');
    console.log('| --- | ---: |');
    console.log(`| none (every task runs) | ${spread(times.none)} |`);
    console.log(`| warm local | ${spread(times.local)} |`);
    console.log(`| warm remote (paved-cache, fresh runner) | ${spread(times.remote)} |`);
    const goal = median(times.remote) / median(times.local) <= 1.3;
    console.log(
      `\nwarm remote / warm local: ${ratio(times.remote, times.local)}x (goal <= 1.3x: ${goal ? 'met' : 'not met'}); no cache / warm remote: ${ratio(times.none, times.remote)}x`,
    );
  } finally {
    await server.stop();
    ws.dispose();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }
}

void main();
