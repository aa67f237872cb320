import { type RunResult, type ScratchWorkspace } from '@paved/scratch';
import { join } from 'node:path';

/** This checkout's root, where the end-to-end suites find the toolchain their scratch workspaces link. */
export const repoRoot = join(__dirname, '..', '..', '..');
const cli = join(repoRoot, 'tools', 'cli', 'src', 'main.ts');

/** `paved <args> --cwd <workspace>` from this checkout's sources (through tsx), as a user would run it. */
export function paved(ws: ScratchWorkspace, ...args: string[]): RunResult {
  return pavedWithEnv(ws, {}, ...args);
}

/** `paved` with these variables set, as a CI runner sets them. */
export function pavedWithEnv(ws: ScratchWorkspace, env: NodeJS.ProcessEnv, ...args: string[]): RunResult {
  return ws.run('tsx', ['--tsconfig', join(repoRoot, 'tsconfig.base.json'), cli, ...args, '--cwd', ws.root], env);
}

/** A project at libs/<name> with these targets and implicit dependencies, and `files` source files. */
export function writeProject(
  ws: ScratchWorkspace,
  name: string,
  targets: Record<string, unknown>,
  dependsOn: readonly string[] = [],
  files = 1,
): void {
  ws.write(
    `libs/${name}/project.json`,
    JSON.stringify({ name, root: `libs/${name}`, implicitDependencies: dependsOn, targets }),
  );
  for (let index = 0; index < files; index += 1)
    ws.write(`libs/${name}/src/f${index}.ts`, `export const f${index} = ${index};\n`);
}
