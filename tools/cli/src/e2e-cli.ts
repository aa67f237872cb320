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
