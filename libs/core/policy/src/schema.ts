import { z } from 'zod';

/** Scope, type and kind names share one shape so they read well in tags and paths. */
// eslint-disable-next-line security/detect-unsafe-regex -- each repeated group starts with '-', so matching is linear
export const identifierPattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const identifier = z
  .string()
  .regex(identifierPattern, { error: 'must be kebab-case: lowercase letters and digits, words joined by "-"' });

/** GitHub/GitLab CODEOWNERS accept users, teams and e-mail addresses. */
export const ownerPattern =
  // eslint-disable-next-line security/detect-unsafe-regex -- every repetition is anchored by a literal ('/', '@', '.'), so matching is linear
  /^(?:@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?|[^\s@]+@[^\s@]+\.[^\s@]+)$/;
const owner = z.string().regex(ownerPattern, { error: 'must be @user, @org/team or an e-mail address' });

const scopeSchema = z
  .strictObject({
    description: z.string().optional().describe('What this scope (a domain or team area) is for.'),
    owners: z
      .array(owner)
      .default([])
      .describe('Owners of every project in the scope, unless a project names its own.'),
    canDependOn: z
      .array(z.union([identifier, z.literal('*')]))
      .default([])
      .describe('Other scopes this scope may depend on, besides itself and the shared scopes. "*" allows any.'),
  })
  .describe('A scope: the domain or team area a project belongs to (tag scope:<name>).');

const typeSchema = z
  .strictObject({
    description: z.string().optional().describe('What projects of this type are for.'),
    canDependOn: z.array(identifier).default([]).describe('Project types this type may depend on.'),
  })
  .describe('A project type: its architectural layer (tag type:<name>).');

const kindSchema = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Where projects of this kind are created, relative to the workspace root. Placeholders: {scope}, {type}, {name}. Defaults to the template's defaultPath.",
      ),
    types: z
      .array(identifier)
      .min(1)
      .optional()
      .describe("Project types this kind may be created with. Defaults to the template's allowedTypes."),
  })
  .describe('Workspace settings for a project kind from the template catalog (generators/<kind>).');

/** The conformance rules `paved check` runs; paved.json `rules` may set their severity. */
export const conformanceRuleIds = [
  'module-boundaries',
  'no-circular-dependencies',
  'project-layout',
  'required-tags',
  'owners-present',
  'required-files',
  'banned-dependencies',
  'toolchain-pins',
] as const;
export type ConformanceRuleId = (typeof conformanceRuleIds)[number];

/** Where `paved scan secrets --update-baseline` writes accepted findings unless paved.json says otherwise. */
export const DEFAULT_SECRETS_BASELINE = '.paved/secrets-baseline.json';
const DEFAULT_SECRETS_MAX_FILE_BYTES = 1_048_576;

const secretsAllowEntry = z
  .strictObject({
    reason: z.string().min(1).describe('Why this is not a secret (or an accepted risk); required, shown in reviews.'),
    paths: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Workspace-relative file globs (`*` within a folder, `**` across folders) whose findings are accepted, e.g. "libs/**/fixtures/**".',
      ),
    values: z
      .array(z.string().min(1))
      .optional()
      .describe('Exact matched strings that are not secrets (documentation placeholders, published test keys).'),
    patterns: z
      .array(z.string().min(1))
      .optional()
      .describe('Regular expressions; a finding whose matched string matches one is accepted.'),
    rules: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Rule ids this entry is limited to (e.g. "paved/generic-high-entropy"); without it the entry applies to every rule.',
      ),
  })
  .refine((entry) => entry.paths?.length || entry.values?.length || entry.patterns?.length, {
    message: 'an allowlist entry needs at least one of paths, values or patterns',
  })
  .describe(
    'Findings to accept: those in matching paths, or whose matched string is one of values or matches patterns.',
  );

export const secretsPolicySchema = z.strictObject({
  allowlist: z.array(secretsAllowEntry).default([]).describe('Accepted findings, each with a reason.'),
  baseline: z
    .string()
    .min(1)
    .default(DEFAULT_SECRETS_BASELINE)
    .describe(
      'Workspace-relative file of fingerprints of accepted findings, written by `paved scan secrets --update-baseline`.',
    ),
  maxFileBytes: z
    .number()
    .int()
    .positive()
    .default(DEFAULT_SECRETS_MAX_FILE_BYTES)
    .describe('Files larger than this are skipped (and counted as skipped): generated bundles, data dumps.'),
  gitleaksConfig: z
    .union([z.string().min(1), z.literal(false)])
    .optional()
    .describe(
      'Repository-relative gitleaks configuration whose rules and allowlists the scan uses (docs/security.md, "Migrating from gitleaks"); false reads none. Unset: `.gitleaks.toml` at the repository root, when there is one.',
    ),
});

export type SecretsPolicy = z.output<typeof secretsPolicySchema>;

export const policySchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editor completion.'),
    npmScope: z
      .string()
      .regex(/^@[a-z0-9][a-z0-9._~-]*$/, { error: 'must be an npm scope such as "@acme"' })
      .describe('The npm scope of import paths: a project "billing" is imported as <npmScope>/billing.'),
    scopes: z
      .record(identifier, scopeSchema)
      .refine((scopes) => Object.keys(scopes).length > 0, { error: 'declare at least one scope' })
      .describe('The allowed scopes. A scope may depend on itself, on the shared scopes and on its canDependOn list.'),
    sharedScopes: z
      .array(identifier)
      .default([])
      .describe('Scopes every other scope may depend on (for example "shared").'),
    types: z
      .record(identifier, typeSchema)
      .refine((types) => Object.keys(types).length > 0, { error: 'declare at least one type' })
      .describe('The allowed project types and which type may depend on which.'),
    kinds: z
      .record(identifier, kindSchema)
      .default({})
      .describe('Per project kind: the folder layout and the types it may take.'),
    owners: z
      .strictObject({
        default: z.array(owner).default([]).describe('Owners of projects whose scope names none.'),
      })
      .default({ default: [] })
      .describe('Fallback ownership.'),
    toolchain: z
      .strictObject({
        node: z.string().min(1).optional().describe('The supported Node.js range, as in package.json engines.node.'),
        packageManager: z
          .string()
          .regex(/^(?:pnpm|npm|yarn)@\d+\.\d+\.\d+$/, { error: 'must be <pnpm|npm|yarn>@<exact version>' })
          .optional()
          .describe('The exact package manager, as in package.json packageManager.'),
      })
      .default({})
      .describe('Toolchain pins every package.json of the workspace must agree with.'),
    codeowners: z
      .strictObject({
        formats: z
          .array(z.enum(['github', 'gitlab']))
          .default(['github', 'gitlab'])
          .describe('Which CODEOWNERS files `nx sync` writes: .github/CODEOWNERS and/or .gitlab/CODEOWNERS.'),
      })
      .default({ formats: ['github', 'gitlab'] })
      .describe('CODEOWNERS generated from owners in paved.json and project metadata.'),
    rules: z
      .record(z.string(), z.enum(['error', 'warn', 'off']))
      .default({})
      .describe(
        `Severity per conformance rule (paved check). Rules not listed run as "error". Rules: ${conformanceRuleIds.join(', ')}.`,
      ),
    dependencies: z
      .strictObject({
        banned: z
          .array(
            z.strictObject({
              name: z.string().min(1).describe('npm package name, exact.'),
              reason: z.string().optional().describe('Why, and what to use instead; shown in the finding.'),
            }),
          )
          .default([])
          .describe('Packages no package.json of the workspace may depend on.'),
      })
      .default({ banned: [] })
      .describe('Dependency policy.'),
    secrets: secretsPolicySchema
      .default({ allowlist: [], baseline: DEFAULT_SECRETS_BASELINE, maxFileBytes: DEFAULT_SECRETS_MAX_FILE_BYTES })
      .describe('Secret scanning (paved scan secrets): what is accepted, and where the baseline lives.'),
    licenses: z
      .strictObject({
        allowed: z
          .array(z.string().min(1))
          .min(1, { error: 'list at least one SPDX license id: with none, every dependency fails' })
          .describe(
            'SPDX license ids a dependency may be under (https://spdx.org/licenses/). Expressions are evaluated: "A OR B" needs one allowed, "A AND B" both.',
          ),
        exceptions: z
          .array(
            z.strictObject({
              name: z.string().min(1).describe('npm package name, exact.'),
              version: z
                .string()
                .min(1)
                .optional()
                .describe('Exact version reviewed; an upgrade needs a new review. Omit to except every version.'),
              license: z
                .string()
                .min(1)
                .optional()
                .describe(
                  'The license string reviewed, as pnpm reports it; if the package later declares another, the exception stops applying.',
                ),
              reason: z.string().min(1).describe('Who reviewed what, and why the package is acceptable.'),
            }),
          )
          .default([])
          .describe('Packages a person reviewed: accepted whatever license they declare (or fail to declare).'),
        scope: z
          .enum(['all', 'prod'])
          .default('all')
          .describe('Which dependencies `paved scan licenses` checks: "prod" skips devDependencies (or pass --prod).'),
      })
      .optional()
      .describe(
        'License policy for installed dependencies (paved scan licenses). Every workspace package must declare a license.',
      ),
    advisories: z
      .strictObject({
        maxAgeDays: z
          .number()
          .int()
          .positive()
          .default(7)
          .describe('An imported advisory snapshot older than this many days gets a warning in paved scan deps.'),
      })
      .default({ maxAgeDays: 7 })
      .describe('Offline advisory snapshot settings (paved advisories import, paved scan deps).'),
  })
  .describe('Paved workspace policy: scopes, types, layout, owners and toolchain pins.');

export type PolicyInput = z.input<typeof policySchema>;
export type Policy = z.output<typeof policySchema>;
