/**
 * The release build: `tsx tools/release/src/main.ts pack <nx|cache-server>...` assembles each
 * package in its publishConfig.directory (dist/packages/<name>) and packs it into
 * dist/packages/<scope>-<name>-<version>.tgz. Run by the `package` targets (`pnpm release:pack`).
 * Exit codes: 0 packed, 1 a packed package is not self-contained, 2 a build or definition error.
 */
import { isPavedError, PavedError } from '@paved/errors';
import { packPackage, type PackedPackage } from '@paved/packaging';
import { join, relative } from 'node:path';
import { releasePackages } from './packages';

const workspaceRoot = join(__dirname, '..', '..', '..');

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...names] = argv;
  const unknown = names.filter((name) => !(name in releasePackages));
  if (command !== 'pack' || names.length === 0 || unknown.length > 0) {
    throw new PavedError({
      code: 'PAVED-002',
      message: command === 'pack' ? `unknown package "${unknown.join('", "')}"` : `unknown command "${command ?? ''}"`,
      hint: `usage: release pack <${Object.keys(releasePackages).join('|')}>...`,
    });
  }
  for (const name of names) report(await packPackage(releasePackages[name](workspaceRoot)));
  return 0;
}

function report(packed: PackedPackage): void {
  const list = (field: string) =>
    Object.keys((packed.manifest[field] as object | undefined) ?? {}).join(', ') || 'none';
  console.log(
    [
      `packed ${packed.name}@${packed.version}: ${relative(workspaceRoot, packed.tarball)} (${packed.files.size} files, from ${relative(workspaceRoot, packed.directory)})`,
      `  dependencies: ${list('dependencies')}`,
      `  peerDependencies: ${list('peerDependencies')}`,
    ].join('\n'),
  );
}

// The one place errors become exit codes.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(isPavedError(error) ? error.message : error);
    process.exitCode = isPavedError(error) ? error.exitCode : 2;
  },
);
