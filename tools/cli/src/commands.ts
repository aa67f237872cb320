/**
 * Every `paved` command, one definition each: its options give its parsing, its `--help` and
 * its usage errors (@paved/cli-kit). Adding a command is adding an entry here. Each command
 * loads its own libraries when it runs: the pre-commit hook runs `scan secrets` on every
 * commit and should not pay for loading Nx or the conformance rules.
 */
import {
  defineCommand,
  defineGroup,
  usageError,
  type ArgumentSpecs,
  type Command,
  type CommandInput,
  type CommandSpec,
  type OptionSpecs,
  type ProgramSpec,
} from '@paved/cli-kit';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Every command takes --cwd. */
const workspace = {
  cwd: { type: 'string', placeholder: 'workspace', description: 'run in this folder instead of the current one' },
} as const;

/** Every command takes --format; the choices are the formats its report has. */
function formats<const C extends readonly string[]>(...choices: C) {
  return { format: { type: 'string', choices, default: 'human', description: 'how to report' } } as const;
}

/**
 * A command that takes --cwd and runs as if started there: the folder changes before the
 * command loads anything, since Nx fixes its workspace root when first loaded.
 */
function workspaceCommand<const O extends OptionSpecs, const A extends ArgumentSpecs = Record<never, never>>(
  path: string,
  spec: CommandSpec<O, A>,
): Command {
  return defineCommand({
    ...spec,
    options: { ...spec.options, ...workspace },
    run(input, io) {
      if (input.cwd !== undefined) {
        const dir = resolve(input.cwd);
        if (!existsSync(dir)) throw usageError(path, `--cwd ${input.cwd}: no such folder`);
        process.chdir(dir);
      }
      // The command's own options, which it declared; --cwd has done its work.
      return spec.run(input as unknown as CommandInput<O, A>, io);
    },
  });
}

/** What `paved ci plan` and `paved ci run` plan: which tasks, between which commits, timed how. */
const ciTaskOptions = {
  targets: {
    type: 'string',
    short: 't',
    placeholder: 'a,b',
    description: 'the targets to run: lint,typecheck,test,build',
  },
  base: {
    type: 'string',
    placeholder: 'sha',
    description: 'affected since this commit (default: NX_BASE, then nx.json defaultBase)',
  },
  head: { type: 'string', placeholder: 'sha', description: 'affected up to this commit (default: NX_HEAD, then HEAD)' },
  all: { type: 'boolean', description: "every project's tasks, not only the affected ones" },
  durations: {
    type: 'string',
    placeholder: 'estimate|nx|file',
    default: 'estimate',
    description:
      "task durations: estimates from project size (the same on every machine), this machine's Nx task history, or a JSON file of task ids to milliseconds",
  },
} as const;

export const commands = {
  check: workspaceCommand('paved check', {
    description: 'Check the workspace against paved.json: boundaries, layout, owners, required files.',
    options: {
      projects: { type: 'string', placeholder: 'a,b', description: 'report on these projects only' },
      baseline: {
        type: 'string',
        placeholder: 'file',
        description: 'accepted findings (default paved-baseline.json, when it exists)',
      },
      'update-baseline': { type: 'boolean', description: 'write every current finding to the baseline' },
      ...formats('human', 'json', 'sarif', 'codequality', 'compliance', 'compliance-json'),
      'cached-graph': {
        type: 'boolean',
        description: "use the project graph of Nx's last run instead of building one (for editors and hooks)",
      },
    },
    run: async (input, io) => (await import('./check')).runCheck(input, io.out),
  }),
  doctor: workspaceCommand('paved doctor', {
    description:
      'Check this workspace and machine: toolchain pins, hooks, plugin, policy, baselines, remote cache, advisories.',
    options: {
      fix: { type: 'boolean', description: 'repair what can be repaired safely (installing the git hooks)' },
      ...formats('human', 'json'),
    },
    run: async (input, io) => (await import('./doctor')).runDoctor(input, io.out),
  }),
  scan: defineGroup('Scan for secrets, vulnerable dependencies and license violations.', {
    secrets: workspaceCommand('paved scan secrets', {
      description: 'Find secrets in what git records: the index, the work tree or the whole history.',
      options: {
        staged: { type: 'boolean', description: 'the staged content (what `git commit` records; the hook runs this)' },
        all: { type: 'boolean', description: 'every tracked file of the work tree' },
        history: { type: 'boolean', description: 'every blob any commit on any ref added' },
        'update-baseline': { type: 'boolean', description: "accept today's findings into the secrets baseline" },
        'baseline-from-gitleaks': {
          type: 'string',
          placeholder: 'report.json',
          description: "add a gitleaks JSON report's findings to the secrets baseline (alone, or before a scan)",
        },
        ...formats('human', 'json', 'sarif', 'codequality'),
      },
      run: async (input, io) => (await import('./scan-secrets')).runScanSecrets(input, io),
    }),
    deps: workspaceCommand('paved scan deps', {
      description: 'Match the lockfile against an offline OSV advisory snapshot.',
      options: {
        lockfile: {
          type: 'string',
          placeholder: 'file',
          description: "the lockfile to scan (default: the workspace's pnpm-lock.yaml or package-lock.json)",
        },
        advisories: {
          type: 'string',
          placeholder: 'folder|zip',
          description: 'the snapshot (default: the one `paved advisories import` stored)',
        },
        'fail-on': {
          type: 'string',
          placeholder: 'severity',
          choices: ['low', 'moderate', 'high', 'critical'],
          default: 'low',
          description: 'the lowest severity that fails the scan',
        },
        'max-age-days': {
          type: 'string',
          placeholder: 'n',
          description: 'warn when the snapshot is older (default paved.json advisories.maxAgeDays, else 7)',
        },
        ...formats('human', 'json', 'sarif', 'codequality'),
      },
      run: async (input, io) => (await import('./scan')).runScanDeps(input, io),
    }),
    licenses: workspaceCommand('paved scan licenses', {
      description: "Check installed dependencies' and workspace packages' licenses against paved.json.",
      options: {
        prod: { type: 'boolean', description: 'production dependencies only' },
        'licenses-json': {
          type: 'string',
          placeholder: 'file',
          description: 'saved output of `pnpm licenses list --json --recursive` instead of running pnpm',
        },
        ...formats('human', 'json', 'sarif', 'codequality'),
      },
      run: async (input, io) => (await import('./scan-licenses')).runScanLicenses(input, io),
    }),
  }),
  lint: workspaceCommand('paved lint', {
    description:
      "Lint files with the workspace's own ESLint, kept warm between commits: the pre-commit hook's lint step.",
    arguments: {
      files: {
        placeholder: 'files',
        variadic: true,
        description: 'the files to lint (lint-staged passes the staged ones)',
      },
    },
    options: {
      fix: { type: 'boolean', description: 'apply the fixes ESLint can make, as eslint --fix does' },
      stop: { type: 'boolean', description: "stop this workspace's warm lint server" },
      serve: {
        type: 'boolean',
        description: 'run the warm lint server in the foreground (paved lint starts one in the background itself)',
      },
    },
    run: async (input, io) => (await import('./lint')).runLint(input, io),
  }),
  affected: workspaceCommand('paved affected', {
    description: 'List the projects a change affects, exactly as Nx does; with --explain, why each one is.',
    options: {
      base: {
        type: 'string',
        placeholder: 'sha',
        description: 'compare from this commit (default: NX_BASE, then nx.json defaultBase, else main)',
      },
      head: {
        type: 'string',
        placeholder: 'sha',
        description: 'compare up to this commit (default: the work tree, uncommitted and untracked files too)',
      },
      files: { type: 'string', placeholder: 'a,b', description: 'these changed files instead of a git comparison' },
      targets: {
        type: 'string',
        short: 't',
        placeholder: 'a,b',
        description: 'only projects that have one of these targets',
      },
      explain: { type: 'boolean', description: 'say what touched each project and the dependency path to the others' },
      ...formats('human', 'json'),
    },
    run: async (input, io) => (await import('./ci')).runAffected(input, io),
  }),
  ci: defineGroup('Run only what a change affects, split over CI machines.', {
    base: workspaceCommand('paved ci base', {
      description: 'Print the base and head commits an affected run compares; refuse a clone too shallow to say.',
      options: {
        deepen: { type: 'boolean', description: 'fetch more history until the base is there, instead of refusing' },
        'base-branch': {
          type: 'string',
          placeholder: 'branch',
          description:
            "what a local run or a push compares with, when no CI variable names it (default: nx.json's defaultBase, else main)",
        },
        ...formats('human', 'json', 'github', 'dotenv'),
      },
      run: async (input, io) => (await import('./ci')).runCiBase(input, io),
    }),
    'record-green': workspaceCommand('paved ci record-green', {
      description:
        "Record this commit as the protected branch's green commit on the cache server, the base of its next push.",
      options: {
        branch: {
          type: 'string',
          placeholder: 'branch',
          description:
            'the protected branch (default: GITHUB_REF_NAME or CI_COMMIT_BRANCH, else the checked-out branch)',
        },
        sha: { type: 'string', placeholder: 'sha', description: 'the commit that passed (default: HEAD)' },
        force: {
          type: 'boolean',
          description: 'record it even if it does not descend from the recorded one (after a history rewrite)',
        },
        ...formats('human', 'json'),
      },
      run: async (input, io) => (await import('./ci')).runCiRecordGreen(input, io),
    }),
    plan: workspaceCommand('paved ci plan', {
      description: 'Split the affected tasks of some targets over N CI shards, balanced by their durations.',
      options: {
        shards: { type: 'string', placeholder: 'n', description: 'how many CI machines share the work' },
        ...ciTaskOptions,
        out: { type: 'string', placeholder: 'plan.json', description: 'also write the plan (the JSON) to this file' },
        ...formats('human', 'json', 'matrix'),
      },
      run: async (input, io) => (await import('./ci')).runCiPlan(input, io),
    }),
    changesets: workspaceCommand('paved ci changesets', {
      description: 'Fail a change to a publishable package that carries no changeset covering it.',
      options: {
        base: {
          type: 'string',
          placeholder: 'sha',
          description: 'compare from this commit (default: NX_BASE, else what `paved ci base` finds)',
        },
        head: {
          type: 'string',
          placeholder: 'sha',
          description: 'compare up to this commit (default: NX_HEAD, else HEAD)',
        },
        ...formats('human', 'json'),
      },
      run: async (input, io) => (await import('./ci')).runCiChangesets(input, io),
    }),
    run: workspaceCommand('paved ci run', {
      description: "Run one shard's share of the plan with nx run-many.",
      options: {
        shard: { type: 'string', placeholder: 'i/n', description: 'which share: 2/4 is the second of four' },
        plan: {
          type: 'string',
          placeholder: 'plan.json',
          description: 'the plan `paved ci plan --out` wrote (default: plan again, with the same flags)',
        },
        ...ciTaskOptions,
      },
      run: async (input, io) => (await import('./ci')).runCiRun(input, io),
    }),
  }),
  advisories: defineGroup('Manage the offline advisory snapshot.', {
    import: workspaceCommand('paved advisories import', {
      description: 'Validate a folder or zip of OSV records and store it as the snapshot scan deps reads.',
      arguments: { source: { placeholder: 'folder|zip', required: true, description: 'OSV JSON files' } },
      options: formats('human', 'json'),
      run: async (input, io) => (await import('./advisories')).runAdvisoriesImport(input, io.out),
    }),
  }),
};

export const paved: ProgramSpec = {
  name: 'paved',
  description: 'Paved: policy, conformance and security checks for an Nx workspace.',
  // `paved` ships as the bin of @paved/nx, whose source is tools/nx-plugin.
  package: { name: '@paved/nx', sourcePackageJson: 'tools/nx-plugin/package.json' },
  commands,
};
