/**
 * The CI pipelines `nx g @paved/nx:ci` writes: a GitHub Actions workflow and a GitLab CI pipeline
 * that run only what a change affects, split over shards, with the remote cache wired by trust
 * (the protected branch's token writes its namespace; a pull request's token writes its own), and
 * that record the protected branch's green commit after a green run. Both call `paved` through
 * one variable (`PAVED`) and install through another (`PAVED_SETUP`), so a team on another runner
 * image or package manager changes a variable, not the generated block.
 */
import { PavedError } from '@paved/errors';

export type PackageManager = 'pnpm' | 'npm' | 'yarn';

export interface PipelineOptions {
  /** The targets every shard runs (lint, typecheck, test, build). */
  targets: readonly string[];
  /** How many CI machines share the affected tasks. */
  shards: number;
  /** The protected branch: pushes to it write the main cache namespace and record green commits. */
  defaultBranch: string;
  /** The Node.js major the jobs run on. */
  nodeMajor: number;
  packageManager: PackageManager;
  /** Add the changeset gate on pull requests (the workspace uses changesets). */
  changesets: boolean;
}

const installs: Record<PackageManager, string> = {
  pnpm: 'pnpm install --frozen-lockfile',
  npm: 'npm ci',
  yarn: 'yarn install --immutable',
};
const runners: Record<PackageManager, string> = {
  pnpm: 'pnpm exec paved',
  npm: 'npx --no-install paved',
  yarn: 'yarn paved',
};
const lockfiles: Record<PackageManager, string> = {
  pnpm: 'pnpm-lock.yaml',
  npm: 'package-lock.json',
  yarn: 'yarn.lock',
};

/** Refuses options no pipeline could run with, naming what was expected. */
export function assertPipelineOptions(options: PipelineOptions): void {
  const problems: string[] = [];
  if (!Number.isInteger(options.shards) || options.shards < 1 || options.shards > 64)
    problems.push(`shards must be a whole number from 1 to 64, got ${options.shards}`);
  if (options.targets.length === 0 || options.targets.some((target) => !/^[\w:.-]+$/.test(target)))
    problems.push(
      `targets must be target names (letters, digits, "_", ":", ".", "-"), got "${options.targets.join(',')}"`,
    );
  if (!/^[\w./-]+$/.test(options.defaultBranch)) problems.push(`"${options.defaultBranch}" is not a branch name`);
  if (!Number.isInteger(options.nodeMajor) || options.nodeMajor < 18)
    problems.push(`the Node.js major must be 18 or later, got ${options.nodeMajor}`);
  if (problems.length)
    throw new PavedError({
      code: 'PAVED-807',
      message: `cannot write the CI pipelines: ${problems.join('; ')}`,
    });
}

/** The Node.js major a range from package.json engines or paved.json (`>=20`, `^20.11.0`, `20.x`) starts at; 20 when none is given. */
export function nodeMajorOf(range: string | undefined): number {
  const major = range?.match(/(\d+)/)?.[1];
  return major ? Number(major) : 20;
}

/** `.github/workflows/paved.yml`, whole (the generator puts it inside Paved's block). */
export function githubWorkflow(options: PipelineOptions): string {
  assertPipelineOptions(options);
  const { packageManager: pm, defaultBranch, shards } = options;
  const targets = options.targets.join(',');
  const setup = [
    '      - uses: actions/checkout@v4',
    '        with:',
    '          # The whole history, without file contents: paved ci base needs the merge base.',
    '          fetch-depth: 0',
    '          filter: blob:none',
    ...(pm === 'pnpm' ? ['      - uses: pnpm/action-setup@v4'] : []),
    '      - uses: actions/setup-node@v4',
    '        with:',
    `          node-version: ${options.nodeMajor}`,
    `          cache: ${pm}`,
    ...(pm === 'yarn' ? ['      - run: corepack enable'] : []),
    '      - run: eval "$PAVED_SETUP"',
  ].join('\n');
  const job = (name: string, body: string[], extra: string[] = []) =>
    [`  ${name}:`, '    runs-on: ubuntu-latest', ...extra, '    steps:', setup, ...body].join('\n');
  const jobs = [
    job(
      'plan',
      [
        '      - id: base',
        '        run: $PAVED ci base --format github',
        '      - id: plan',
        // One plan: the file for the shards, and the matrix that starts them.
        `        run: echo "matrix=$($PAVED ci plan --shards ${shards} -t ${targets} --out paved-plan.json --format matrix)" >> "$GITHUB_OUTPUT"`,
        '      - uses: actions/upload-artifact@v4',
        '        with:',
        '          name: paved-plan',
        '          path: paved-plan.json',
      ],
      [
        '    outputs:',
        '      base: ${{ steps.base.outputs.base }}',
        '      head: ${{ steps.base.outputs.head }}',
        '      matrix: ${{ steps.plan.outputs.matrix }}',
      ],
    ),
    job(
      'run',
      [
        '      - uses: actions/download-artifact@v4',
        '        with:',
        '          name: paved-plan',
        '      - run: $PAVED ci run --shard ${{ matrix.shard }} --plan paved-plan.json',
      ],
      [
        '    needs: plan',
        '    strategy:',
        '      fail-fast: false',
        '      matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}',
        '    env:',
        '      NX_BASE: ${{ needs.plan.outputs.base }}',
        '      NX_HEAD: ${{ needs.plan.outputs.head }}',
      ],
    ),
    job(
      'check',
      [
        '      - run: $PAVED check --format sarif > paved-check.sarif',
        // Both reports, whichever fails: the job fails if either does.
        '      - if: always()',
        '        run: $PAVED scan secrets --all --format sarif > paved-secrets.sarif',
        '      - if: always()',
        '        uses: github/codeql-action/upload-sarif@v3',
        '        with:',
        '          sarif_file: paved-check.sarif',
        '          category: paved-check',
        '      - if: always()',
        '        uses: github/codeql-action/upload-sarif@v3',
        '        with:',
        '          sarif_file: paved-secrets.sarif',
        '          category: paved-secrets',
      ],
      ['    permissions:', '      contents: read', '      security-events: write'],
    ),
    ...(options.changesets
      ? [
          job(
            'changesets',
            ['      - run: $PAVED ci changesets'],
            [
              "    if: github.event_name == 'pull_request'",
              '    needs: plan',
              '    env:',
              '      NX_BASE: ${{ needs.plan.outputs.base }}',
            ],
          ),
        ]
      : []),
    job(
      'record-green',
      ['      - run: $PAVED ci record-green'],
      // Without a cache server there is nowhere to keep the green commit.
      [
        `    if: github.event_name == 'push' && github.ref_name == '${defaultBranch}' && vars.PAVED_CACHE_URL != ''`,
        '    needs: [run, check]',
      ],
    ),
  ];
  return [
    'name: paved',
    '',
    'on:',
    '  pull_request:',
    '  push:',
    `    branches: [${defaultBranch}]`,
    '',
    'permissions:',
    '  contents: read',
    '',
    'concurrency:',
    '  group: paved-${{ github.ref }}',
    "  cancel-in-progress: ${{ github.event_name == 'pull_request' }}",
    '',
    'env:',
    `  PAVED: ${runners[pm]}`,
    `  PAVED_SETUP: ${installs[pm]}`,
    '  NX_NO_CLOUD: true',
    '  # The remote cache by trust (docs/cache-security.md): a pull request reads main and writes',
    '  # its own namespace with its own token; the protected branch writes main with the main token,',
    '  # a secret that only protected-branch runs may read.',
    "  NX_SELF_HOSTED_REMOTE_CACHE_SERVER: ${{ vars.PAVED_CACHE_URL && (github.event_name == 'pull_request' && format('{0}/ns/pr-{1}', vars.PAVED_CACHE_URL, github.event.number) || vars.PAVED_CACHE_URL) || '' }}",
    "  NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: ${{ github.event_name == 'pull_request' && secrets.PAVED_CACHE_PR_TOKEN || secrets.PAVED_CACHE_MAIN_TOKEN }}",
    '',
    'jobs:',
    jobs.join('\n\n'),
    '',
  ].join('\n');
}

/** `.gitlab-ci.yml` (or the file an existing one includes), whole. */
export function gitlabPipeline(options: PipelineOptions): string {
  assertPipelineOptions(options);
  const { packageManager: pm, defaultBranch, shards } = options;
  const mergeRequest = '$CI_PIPELINE_SOURCE == "merge_request_event"';
  const protectedPush = `$CI_COMMIT_BRANCH == "${defaultBranch}"`;
  return [
    'workflow:',
    '  rules:',
    '    # The remote cache by trust (docs/cache-security.md): a merge request reads main and writes',
    '    # its own namespace with its own token; the protected branch writes main with the main',
    '    # token, a protected variable that merge request pipelines never see.',
    `    - if: ${mergeRequest} && $PAVED_CACHE_URL`,
    '      variables:',
    '        NX_SELF_HOSTED_REMOTE_CACHE_SERVER: $PAVED_CACHE_URL/ns/mr-$CI_MERGE_REQUEST_IID',
    '        NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: $PAVED_CACHE_MR_TOKEN',
    `    - if: ${mergeRequest}`,
    '    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS',
    '      when: never',
    `    - if: ${protectedPush} && $PAVED_CACHE_URL`,
    '      variables:',
    '        NX_SELF_HOSTED_REMOTE_CACHE_SERVER: $PAVED_CACHE_URL',
    '        NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: $PAVED_CACHE_MAIN_TOKEN',
    '    - if: $CI_COMMIT_BRANCH',
    '',
    'variables:',
    '  # The whole history, without file contents: paved ci base needs the merge base.',
    '  GIT_DEPTH: 0',
    '  GIT_FETCH_EXTRA_FLAGS: --filter=blob:none',
    '  NX_NO_CLOUD: "true"',
    `  PAVED: ${runners[pm]}`,
    `  PAVED_SETUP: ${pm === 'npm' ? installs[pm] : `corepack enable && ${installs[pm]}`}`,
    '',
    'stages: [paved-plan, paved-run, paved-report]',
    '',
    '.paved-job:',
    `  image: node:${options.nodeMajor}`,
    '  cache:',
    '    key:',
    `      files: [${lockfiles[pm]}]`,
    `    paths: [${pm === 'npm' ? '.npm' : pm === 'pnpm' ? '.pnpm-store' : '.yarn/cache'}]`,
    '  before_script:',
    ...(pm === 'pnpm' ? ['    - export npm_config_store_dir="$CI_PROJECT_DIR/.pnpm-store"'] : []),
    ...(pm === 'npm' ? ['    - export npm_config_cache="$CI_PROJECT_DIR/.npm"'] : []),
    '    - eval "$PAVED_SETUP"',
    '',
    'paved-plan:',
    '  extends: .paved-job',
    '  stage: paved-plan',
    '  script:',
    '    - $PAVED ci base --format dotenv > paved-base.env',
    '    - set -a && . ./paved-base.env && set +a',
    `    - $PAVED ci plan --shards ${shards} -t ${options.targets.join(',')} --out paved-plan.json`,
    '  artifacts:',
    '    reports:',
    '      dotenv: paved-base.env',
    '    paths: [paved-plan.json]',
    '',
    'paved-run:',
    '  extends: .paved-job',
    '  stage: paved-run',
    '  needs: [paved-plan]',
    ...(shards > 1 ? [`  parallel: ${shards}`] : []),
    '  script:',
    `    - $PAVED ci run --shard "\${CI_NODE_INDEX:-1}/\${CI_NODE_TOTAL:-1}" --plan paved-plan.json`,
    '',
    'paved-check:',
    '  extends: .paved-job',
    '  stage: paved-run',
    '  needs: [paved-plan]',
    '  script:',
    // Both reports, whichever fails: the job fails if either does. GitLab shows them in merge requests.
    '    - status=0; $PAVED check --format codequality > gl-code-quality-paved-check.json || status=$?; $PAVED scan secrets --all --format codequality > gl-code-quality-paved-secrets.json || status=$?; exit $status',
    '  artifacts:',
    '    when: always',
    '    reports:',
    '      codequality: [gl-code-quality-paved-check.json, gl-code-quality-paved-secrets.json]',
    ...(options.changesets
      ? [
          '',
          'paved-changesets:',
          '  extends: .paved-job',
          '  stage: paved-run',
          '  needs: [paved-plan]',
          '  rules:',
          `    - if: ${mergeRequest}`,
          '  script:',
          '    - $PAVED ci changesets',
        ]
      : []),
    '',
    'paved-record-green:',
    '  extends: .paved-job',
    '  stage: paved-report',
    '  needs: [paved-run, paved-check]',
    '  rules:',
    `    - if: ${protectedPush} && $PAVED_CACHE_URL`,
    '  script:',
    '    - $PAVED ci record-green',
    '',
  ].join('\n');
}
