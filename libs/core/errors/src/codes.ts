/** What each hundred of codes is about: PAVED-3xx are the cache server's. */
export const codeRanges = [
  'Command line and general',
  'Policy and conformance',
  'Project generator',
  'Cache server',
  'Secrets',
  'Advisories and lockfiles',
  'Licenses',
  'Init and adoption',
  'Affected CI',
  'Packaging and release',
] as const;

/**
 * The registry of every coded error Paved can raise. Codes are stable: docs and
 * dashboards key on them, so a code is never reused for a different failure, and a
 * failure that differs from every registered one gets a new code in its range
 * (codeRanges). `exitCode` follows the CLI contract: 1 = findings, 2 = usage or
 * configuration. `fix` says what to do about it; docs/errors.md is generated from
 * this table (`nx run errors:docs`), and a test fails when it is stale.
 */
export const errorCodes = {
  'PAVED-001': {
    title: 'Internal error',
    exitCode: 2,
    fix: 'A bug in Paved, not in your input. Report it at https://github.com/paved-dev/paved/issues with the block the command printed; run the command again with PAVED_DEBUG=1 to add the stack trace.',
  },
  'PAVED-002': {
    title: 'Invalid command-line usage',
    exitCode: 2,
    fix: 'The message names the command and what was wrong (an unknown command or option, a missing or refused value). Run the command with --help for what it accepts.',
  },
  'PAVED-003': {
    title: 'Unknown project name',
    exitCode: 2,
    fix: 'A project named on the command line (e.g. in --projects) is not in the Nx project graph. List the projects with `nx show projects` and check the spelling.',
  },
  'PAVED-004': {
    title: 'Not inside an Nx workspace',
    exitCode: 2,
    fix: 'No nx.json was found in the current folder or above. Run the command inside the workspace, or pass --cwd <workspace>.',
  },
  'PAVED-005': {
    title: 'Nx has no cached project graph yet',
    exitCode: 2,
    fix: '--cached-graph reads the graph Nx cached on its last run, and there is none. Run any nx command first (e.g. `nx show projects`), or leave out --cached-graph.',
  },
  'PAVED-006': {
    title: 'Nx could not build the project graph',
    exitCode: 2,
    fix: "Nx names the plugin and the file it failed on: fix that file (a project.json, package.json or a plugin's configuration), then check with `nx show projects`. Paved's own refusals inside (a bad paved.json) are shown with their own codes instead.",
  },
  'PAVED-100': {
    title: 'Policy file not found',
    exitCode: 2,
    fix: 'Create paved.json at the workspace root: `nx g @paved/nx:init` writes one inferred from the workspace.',
  },
  'PAVED-101': {
    title: 'Policy file is not valid JSON',
    exitCode: 2,
    fix: 'Fix the JSON syntax of paved.json at the position the message gives.',
  },
  'PAVED-102': {
    title: 'Policy value does not match the schema',
    exitCode: 2,
    fix: 'Correct the value at the key path shown; the message says what was expected. Editors validate paved.json against its JSON Schema ($schema).',
  },
  'PAVED-103': {
    title: 'Policy refers to an undeclared scope, type or kind',
    exitCode: 2,
    fix: 'Declare the scope, type or kind in paved.json, or remove the reference to it.',
  },
  'PAVED-104': {
    title: 'Invalid project layout pattern',
    exitCode: 2,
    fix: 'A kind\'s path must be relative, stay inside the workspace (never in .git or node_modules), use only known placeholders and contain {name}, e.g. "libs/{scope}/{name}".',
  },
  'PAVED-105': {
    title: 'Unknown conformance rule',
    exitCode: 2,
    fix: 'Use one of the rule ids the message lists in paved.json "rules", or remove the entry.',
  },
  'PAVED-106': {
    title: 'Baseline file not found',
    exitCode: 2,
    fix: 'The file given with --baseline does not exist. Check the path, or create it with `paved check --update-baseline --baseline <file>`.',
  },
  'PAVED-107': {
    title: 'Conformance baseline file is not a Paved baseline (no longer raised)',
    exitCode: 2,
    fix: 'Earlier versions raised this for paved check; a malformed baseline of any scanner is now PAVED-430.',
  },
  'PAVED-108': {
    title: 'Policy file is not a readable regular file',
    exitCode: 2,
    fix: 'paved.json must be a regular file of at most 1 MiB (not a folder, device, FIFO or a link to one): replace it with the workspace policy, or run `nx g @paved/nx:init` to write one.',
  },
  'PAVED-110': {
    title: 'Template kind definition is invalid',
    exitCode: 2,
    fix: "Fix the kind's template.json at the key path shown; it is validated against template.schema.json.",
  },
  'PAVED-111': {
    title: 'ESLint is not installed in the workspace',
    exitCode: 2,
    fix: "`paved lint` runs the workspace's own ESLint (its version, config and plugins). Install it at the workspace root (`pnpm add -D eslint`), or remove `paved lint` from the pre-commit hook.",
  },
  'PAVED-112': {
    title: 'ESLint could not lint the files',
    exitCode: 2,
    fix: "ESLint itself failed: its config did not load, or a file could not be read. The message has ESLint's own words; `npx eslint <file>` shows the full error. Fix what it names and commit again.",
  },
  'PAVED-200': {
    title: 'Unknown project kind',
    exitCode: 2,
    fix: 'Pass one of the kinds the message lists with --kind, or add the kind to paved.json "kinds".',
  },
  'PAVED-201': {
    title: 'Unknown scope',
    exitCode: 2,
    fix: 'Pass one of the scopes declared in paved.json with --scope, or declare the new scope there (with owners).',
  },
  'PAVED-202': {
    title: 'Unknown project type',
    exitCode: 2,
    fix: 'Pass one of the types declared in paved.json with --type, or declare the new type there.',
  },
  'PAVED-203': {
    title: 'Project type not allowed for this kind',
    exitCode: 2,
    fix: 'Pass a type the kind allows (the message lists them), or add the type to the kind\'s "types" in paved.json.',
  },
  'PAVED-204': {
    title: 'Invalid project name',
    exitCode: 2,
    fix: 'Use a kebab-case name: lowercase letters and digits, words joined by "-".',
  },
  'PAVED-205': {
    title: 'Reserved project name',
    exitCode: 2,
    fix: 'Choose another name: the message says why this one is reserved (a folder Nx or the layout uses, a JavaScript or TypeScript reserved word, a Windows device name).',
  },
  'PAVED-206': {
    title: 'Project already exists',
    exitCode: 2,
    fix: 'Choose another name, or work on the existing project.',
  },
  'PAVED-207': {
    title: 'Target folder already exists',
    exitCode: 2,
    fix: 'The folder the project would be created in is not empty. Choose another name or scope, or move the folder away.',
  },
  'PAVED-208': {
    title: 'Path escapes the workspace',
    exitCode: 2,
    fix: "Pass a plain kebab-case name (the folder comes from the kind's path in paved.json), and keep that path pattern inside the workspace.",
  },
  'PAVED-209': {
    title: 'Invalid owner',
    exitCode: 2,
    fix: 'Owners are GitHub users or teams (@user, @org/team) or e-mail addresses, as CODEOWNERS accepts them.',
  },
  'PAVED-210': {
    title: 'Import path already taken',
    exitCode: 2,
    fix: 'tsconfig.base.json already maps this import path to another project: choose another name or scope.',
  },
  'PAVED-211': {
    title: 'Missing required option',
    exitCode: 2,
    fix: 'Pass the option the message names (the generator runs without prompts when it is not interactive).',
  },
  'PAVED-300': {
    title: 'Cache server configuration file cannot be read',
    exitCode: 2,
    fix: 'Check that PAVED_CACHE_CONFIG names a readable file.',
  },
  'PAVED-301': {
    title: 'Cache server configuration file is not valid JSON',
    exitCode: 2,
    fix: 'Fix the JSON syntax of the file PAVED_CACHE_CONFIG names.',
  },
  'PAVED-302': {
    title: 'Cache server configuration does not match the schema',
    exitCode: 2,
    fix: 'Correct the value at the key path shown (or the PAVED_CACHE_* variable the message names); paved-cache.schema.json describes every key.',
  },
  'PAVED-303': {
    title: 'Cache server environment variable is invalid',
    exitCode: 2,
    fix: 'The PAVED_CACHE_* variable the message names has a value that cannot be read (a variable that takes JSON, such as PAVED_CACHE_TOKENS, is not valid JSON): fix its value.',
  },
  'PAVED-304': {
    title: 'Cache server trust model is unsafe or inconsistent',
    exitCode: 2,
    fix: 'Give every token its own name and secret, and give trusted (main) and untrusted (pull request) builds separate tokens whose write namespaces do not overlap (docs/cache-security.md).',
  },
  'PAVED-305': {
    title: 'Cache server port is already in use',
    exitCode: 2,
    fix: 'Another process listens on that port. Choose another one (PAVED_CACHE_PORT, or --port for `paved-cache dev`; 0 picks a free port), or stop the other process (`lsof -i :<port>` or `ss -ltnp` shows which it is).',
  },
  'PAVED-306': {
    title: 'Cache server is not allowed to listen on this port',
    exitCode: 2,
    fix: 'Ports below 1024 need privileges. Use a port of 1024 or above (PAVED_CACHE_PORT, or --port for `paved-cache dev`) behind your load balancer, or grant the capability (CAP_NET_BIND_SERVICE).',
  },
  'PAVED-307': {
    title: 'Cache storage folder cannot be created or written',
    exitCode: 2,
    fix: 'Point PAVED_CACHE_DIR (or --dir for `paved-cache dev`) at a folder the server may create and write, or fix the owner and permissions of the one named.',
  },
  'PAVED-308': {
    title: 'Cache server host address is not available',
    exitCode: 2,
    fix: 'PAVED_CACHE_HOST is not an address of this machine. Use one of its addresses, 0.0.0.0 (every IPv4 address) or :: (every address).',
  },
  'PAVED-310': {
    title: 'Cache storage cannot be reached at start-up',
    exitCode: 2,
    fix: 'The server lists its store before it listens. Check that the S3 endpoint is up and reachable from this machine, that the bucket exists and that the credentials may list it (PAVED_CACHE_S3_ENDPOINT, PAVED_CACHE_S3_BUCKET, the AWS credential chain); for a store that is slow to list, raise timeouts.storageTransferMs (PAVED_CACHE_STORAGE_TRANSFER_TIMEOUT_MS).',
  },
  'PAVED-320': {
    title: 'Stored cache artifact does not match its digest',
    exitCode: 1,
    fix: 'The bytes on the storage differ from the SHA-256 recorded when the artifact was uploaded (a failing disk, an edit behind the server, a bad copy). The server removed the record and answers a miss from now on, so the next build rebuilds and uploads it again; check the disk or bucket if it recurs.',
  },
  'PAVED-400': {
    title: 'Secrets allowlist pattern is not a valid regular expression',
    exitCode: 2,
    fix: 'Fix the pattern in paved.json secrets.allowlist[].patterns: it is a JavaScript regular expression source.',
  },
  'PAVED-401': {
    title: 'Secrets baseline file is not a Paved secrets baseline (no longer raised)',
    exitCode: 2,
    fix: 'Earlier versions raised this for paved scan secrets; a malformed baseline of any scanner is now PAVED-430.',
  },
  'PAVED-402': {
    title: 'Secret scan needs a git repository',
    exitCode: 2,
    fix: 'Run the scan inside a git work tree (or pass --cwd <repository>), with git on PATH.',
  },
  'PAVED-410': {
    title: 'gitleaks configuration or report cannot be read',
    exitCode: 2,
    fix: 'Point paved.json secrets.gitleaksConfig (or [extend] path, or --baseline-from-gitleaks) at a regular file inside the repository, under the size limit the message names.',
  },
  'PAVED-411': {
    title: 'gitleaks configuration is not valid TOML',
    exitCode: 2,
    fix: 'Fix the TOML syntax at the line and column the message names (gitleaks itself would refuse the file too).',
  },
  'PAVED-412': {
    title: 'gitleaks configuration has an invalid field',
    exitCode: 2,
    fix: 'Give the field the type the message expects; see https://github.com/gitleaks/gitleaks#configuration for what each key means.',
  },
  'PAVED-413': {
    title: 'gitleaks regular expression cannot be translated to JavaScript',
    exitCode: 2,
    fix: 'Rewrite the expression the message names in RE2 syntax Paved translates (docs/security.md, "Migrating from gitleaks"): no lookarounds or backreferences, no \\p{…} classes.',
  },
  'PAVED-414': {
    title: 'gitleaks [extend] chain refused',
    exitCode: 2,
    fix: 'Make [extend] path name an existing file inside the repository, without cycles and at most the depth the message names; [extend] url is not supported.',
  },
  'PAVED-415': {
    title: 'Not a gitleaks JSON report',
    exitCode: 2,
    fix: 'Pass the file `gitleaks git --report-format json --report-path <file>` (or `gitleaks dir`) wrote, unredacted (without --redact), from the repository root.',
  },
  'PAVED-430': {
    title: 'Baseline file is not a Paved baseline',
    exitCode: 2,
    fix: 'A baseline (paved check\'s paved-baseline.json, the secrets baseline paved.json secrets.baseline names) must be a regular JSON file of at most 64 MiB shaped {"version": 1, "findings": [{"fingerprint": "…", …}]}. Restore it from version control, or regenerate it with the command the message names (`paved check --update-baseline`, `paved scan secrets --all --update-baseline`), which replaces it without reading it.',
  },
  'PAVED-500': {
    title: 'Advisory snapshot cannot be read',
    exitCode: 2,
    fix: "Import a snapshot with `paved advisories import <folder|zip>` (e.g. osv.dev's npm/all.zip), or pass --advisories <folder|zip> naming a readable one.",
  },
  'PAVED-501': {
    title: 'Advisory record is not valid OSV',
    exitCode: 2,
    fix: 'The record the message names does not follow the OSV schema (https://ossf.github.io/osv-schema/): take the snapshot from its source again.',
  },
  'PAVED-502': {
    title: 'Imported advisory store is incomplete or corrupt',
    exitCode: 2,
    fix: 'The store changed after it was imported: import the snapshot again with `paved advisories import <folder|zip>`.',
  },
  'PAVED-503': {
    title: 'Lockfile is malformed or of an unsupported version',
    exitCode: 2,
    fix: "The lockfile cannot be read: resolve merge conflict markers or restore it, and run the package manager's install to rewrite it. Paved reads pnpm-lock.yaml v6 to v9 (pnpm 8 and later) and package-lock.json v2 and v3 (npm 7 and later); upgrade an older package manager and install again.",
  },
  'PAVED-504': {
    title: 'Lockfile format not supported yet (yarn, bun)',
    exitCode: 2,
    fix: 'Dependency scanning reads pnpm-lock.yaml and package-lock.json; yarn.lock and bun.lock are not supported yet. Use pnpm or npm for the scan, or pass --lockfile with one of those.',
  },
  'PAVED-505': {
    title: 'Workspace has no lockfile',
    exitCode: 2,
    fix: "Run the package manager's install to write its lockfile at the workspace root (pnpm-lock.yaml or package-lock.json), or pass --lockfile <file>.",
  },
  'PAVED-600': {
    title: 'License policy is missing or invalid',
    exitCode: 2,
    fix: 'Add "licenses": { "allowed": [...] } to paved.json, with SPDX license ids such as "MIT" (https://spdx.org/licenses/) or LicenseRef-… names.',
  },
  'PAVED-601': {
    title: 'Installed licenses cannot be listed',
    exitCode: 2,
    fix: 'Run `pnpm install` first, with pnpm on PATH, or pass the saved output of `pnpm licenses list --json --recursive` with --licenses-json <file>.',
  },
  'PAVED-602': {
    title: 'License listing or workspace package is malformed',
    exitCode: 2,
    fix: 'Fix the file the message names: the saved pnpm licenses listing, pnpm-workspace.yaml or a workspace package.json.',
  },
  'PAVED-603': {
    title: 'License scan does not support this package manager yet (yarn, bun)',
    exitCode: 2,
    fix: 'paved scan licenses lists installed packages through pnpm, or from package-lock.json and node_modules for npm; yarn and bun are not supported yet. Pass a pnpm listing with --licenses-json <file>, or leave licenses out of paved.json.',
  },
  'PAVED-700': {
    title: 'ESLint uses a legacy .eslintrc configuration, not a flat config',
    exitCode: 2,
    fix: 'Paved merges its presets into ESLint flat configs (ESLint 9 and 10). Migrate with `npx @eslint/migrate-config .eslintrc.json`, or run init with --no-eslint and add withPavedPresets() from @paved/nx/eslint later.',
  },
  'PAVED-701': {
    title: 'ESLint flat config has a shape Paved cannot merge safely',
    exitCode: 2,
    fix: 'The message names the file and line Paved could not follow. Export an array, defineConfig(...), tseslint.config(...) or a const holding one, or run init with --no-eslint and wrap your config in withPavedPresets() from @paved/nx/eslint yourself.',
  },
  'PAVED-702': {
    title: 'JavaScript or TypeScript config file cannot be parsed',
    exitCode: 2,
    fix: 'Fix the syntax error at the file and line shown (the file must also fail for the tool that reads it), then run init again.',
  },
  'PAVED-703': {
    title: 'Config file is a symbolic link to a missing file or outside the workspace',
    exitCode: 2,
    fix: 'Point the link at a file inside the workspace, or replace it with the file itself, then run init again.',
  },
  'PAVED-704': {
    title: 'JSON or YAML config file cannot be parsed',
    exitCode: 2,
    fix: 'Fix the syntax error at the position shown, then run init again.',
  },
  'PAVED-705': {
    title: 'lint-staged config has a shape Paved cannot merge safely',
    exitCode: 2,
    fix: 'Paved edits lint-staged configs that are a plain object of globs to commands. Make it one, or run init with --no-hooks and add `paved scan secrets --staged` to the hook yourself.',
  },
  'PAVED-706': {
    title: 'Git hook config has a shape Paved cannot merge safely',
    exitCode: 2,
    fix: 'The message names the file: a pre-commit hook that is not a shell script, or a hook command that is not a string. Run init with --no-hooks and add `paved scan secrets --staged` to the hook yourself.',
  },
  'PAVED-707': {
    title: 'Git hooks are run by a setup Paved does not know',
    exitCode: 2,
    fix: 'A script or .git/config sets core.hooksPath, but no hook manager Paved knows (husky, simple-git-hooks, lefthook) is configured. Run init with --no-hooks and add `paved scan secrets --staged` to the pre-commit hook yourself.',
  },
  'PAVED-731': {
    title: 'Nx version not supported',
    exitCode: 2,
    fix: 'Paved supports Nx 22 and 23. Migrate an older workspace first (`nx migrate 22`, then `nx migrate --run-migrations`), or use a Paved release that supports your Nx major.',
  },
  'PAVED-801': {
    title: 'CI plan file is missing, malformed or for another run',
    exitCode: 2,
    fix: 'Pass `paved ci run --plan` the file `paved ci plan --format json` wrote for the same --shards and -t (a CI job artifact or output), or run without --plan to plan again with the same flags.',
  },
  'PAVED-802': {
    title: 'Task durations file is malformed',
    exitCode: 2,
    fix: 'A durations file is a JSON object of task ids to milliseconds: { "app:test": 41200, "lib:lint": 3100 }. Fix the entry the message names, or plan with --durations estimate.',
  },
  'PAVED-803': {
    title: 'Nx could not list the tasks to plan',
    exitCode: 2,
    fix: 'Run the Nx command the message names in the workspace to see why (a missing install, an unknown target, a base commit the clone does not have: fetch it, e.g. actions/checkout with fetch-depth: 0).',
  },
  'PAVED-804': {
    title: 'The clone cannot say what the change is compared with',
    exitCode: 2,
    fix: 'Fetch the history the comparison needs: actions/checkout with `fetch-depth: 0` (GitHub), `GIT_DEPTH: 0` (GitLab), or run `paved ci base --deepen`, which fetches until the merge base is there. A branch that shares no history with its target cannot be compared: pick the branch it grew from.',
  },
  'PAVED-805': {
    title: 'The green commit of a protected branch could not be read or recorded',
    exitCode: 2,
    fix: "Point NX_SELF_HOSTED_REMOTE_CACHE_SERVER at the paved-cache server (with the /ns/<namespace> prefix the branch writes, if any) and set NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN to a token that may write that namespace (reading needs read access). A pull request's token is refused on purpose: only the protected branch's own pipeline may move its base.",
  },
  'PAVED-806': {
    title: 'Recording this commit green would move the base backwards',
    exitCode: 2,
    fix: "Record green only after a successful run on the branch's newest commit: the commit recorded now must descend from the one recorded before. After a force push that rewrote the branch, pass `--force` once.",
  },
  'PAVED-807': {
    title: 'The CI pipeline options cannot make a pipeline',
    exitCode: 2,
    fix: 'Pass `nx g @paved/nx:ci` a whole number of shards from 1 to 64 and target names separated by commas (`--targets lint,test`); the Node.js major comes from paved.json toolchain.node or package.json engines.node (18 or later), the branch from nx.json defaultBase.',
  },
  'PAVED-900': {
    title: 'Release package definition refers to a missing or invalid file',
    exitCode: 2,
    fix: 'A generator, executor or file the package lists does not exist: fix generators.json, executors.json or the package definition in tools/release.',
  },
  'PAVED-901': {
    title: 'Release bundle failed to build',
    exitCode: 2,
    fix: 'esbuild printed the error: fix the source it names and run release:pack again.',
  },
  'PAVED-902': {
    title: 'Bundled third-party import is not installed',
    exitCode: 2,
    fix: "Add the package the message names to the importing project's package.json and install, so its version can be declared in the package.",
  },
  'PAVED-903': {
    title: 'Bundled third-party package is installed at conflicting versions',
    exitCode: 2,
    fix: 'Two versions of the package are imported by the bundle: align them in the workspace (one version in every package.json) and install.',
  },
  'PAVED-904': {
    title: 'Installed host package is outside its declared peer range',
    exitCode: 2,
    fix: 'The workspace builds against a version of a host package (nx, eslint, ...) outside the range the package would declare: widen the range in tools/release or change the installed version.',
  },
  'PAVED-905': {
    title: 'Packing the release tarball failed',
    exitCode: 2,
    fix: 'npm pack printed the error: fix it (often a missing file or a bad package.json field) and run release:pack again.',
  },
  'PAVED-906': {
    title: 'Packed release package is not self-contained',
    exitCode: 1,
    fix: 'The tarball would break where installed: an internal library left unbundled, an undeclared require, a path into this repository, or an optional peer loaded where it may not be. Fix each file the message names.',
  },
} as const satisfies Record<string, { title: string; exitCode: 1 | 2; fix: string }>;

export type ErrorCode = keyof typeof errorCodes;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorCodes, value);
}
