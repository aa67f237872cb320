import { deriveDepConstraints, resolveOwners, type Policy } from '@paved/policy';
import { type KindOffer } from '@paved/templates';
import { withManagedBlock, type BlockStyle } from './managed-block';

const blockStyle: BlockStyle = { id: '@paved/nx:agents-md', comment: 'html', position: 'end' };

const list = (values: readonly string[]): string =>
  values.length > 0 ? values.map((v) => `\`${v}\``).join(', ') : 'nothing';

/**
 * The workspace's conventions for AI coding assistants (and new colleagues), derived from
 * paved.json so they can never drift from what the checks enforce.
 */
export function renderAgentsMd(policy: Policy, kinds: readonly KindOffer[]): string {
  const scopeRules = new Map(
    deriveDepConstraints(policy)
      .filter((c) => c.sourceTag.startsWith('scope:'))
      .map((c) => [
        c.sourceTag.slice('scope:'.length),
        c.onlyDependOnLibsWithTags.map((t) => t.replace(/^scope:/, '')),
      ]),
  );
  const lines = [
    '# Conventions of this workspace',
    '',
    'This Nx workspace follows the policy in `paved.json`. Everything below is derived from it;',
    'the checks in the last section enforce it.',
    '',
    '## Creating a project',
    '',
    'Create projects with the generator, never by copying a folder: it places, tags and owns them.',
    '',
    '```sh',
    'nx g @paved/nx:project --kind <kind> --name <kebab-name> --scope <scope> [--type <type>]',
    '```',
    '',
    'Kinds (folder, then the types a project of the kind may have):',
    '',
    ...kinds.map(
      (kind) =>
        `- \`${kind.name}\` in \`${kind.path}\`, ${kind.types.map((t) => (t === kind.defaultType ? `\`${t}\` (default)` : `\`${t}\``)).join(', ')}: ${kind.description}`,
    ),
    '',
    '## Scopes and types',
    '',
    'Every project has exactly one `scope:<scope>` tag (its domain or team area) and one',
    '`type:<type>` tag (its layer). A dependency between projects is allowed only when both its',
    'scope rule and its type rule allow it.',
    '',
    'Scopes (what each may depend on, its owners):',
    '',
    // Typed here: the built declarations of @paved/policy widen its records' values to unknown.
    ...(Object.entries(policy.scopes) as [string, { description?: string }][]).map(
      ([name, scope]) =>
        `- \`${name}\` may depend on ${scopeRules.get(name)?.includes('*') ? 'any scope' : list(scopeRules.get(name) ?? [])}; owners ${resolveOwners(policy, name).join(' ') || '(none)'}.${scope.description ? ` ${scope.description}` : ''}`,
    ),
    '',
    'Types (what each may depend on):',
    '',
    ...(Object.entries(policy.types) as [string, { canDependOn: readonly string[]; description?: string }][]).map(
      ([name, type]) =>
        `- \`${name}\` may depend on ${list(type.canDependOn)}.${type.description ? ` ${type.description}` : ''}`,
    ),
    '',
  ];
  if (policy.dependencies.banned.length > 0) {
    lines.push(
      '## Banned dependencies',
      '',
      ...policy.dependencies.banned.map(
        ({ name, reason }: { name: string; reason?: string }) => `- \`${name}\`${reason ? `: ${reason}` : ''}`,
      ),
      '',
    );
  }
  const { node, packageManager } = policy.toolchain;
  if (node || packageManager) {
    lines.push(
      '## Toolchain',
      '',
      ...(node ? [`- Node.js \`${node}\``] : []),
      ...(packageManager ? [`- \`${packageManager}\` (install with it; never commit another lockfile)`] : []),
      '',
    );
  }
  lines.push(
    '## Checks',
    '',
    '- `nx affected -t lint typecheck test check scan` runs what a change can break; CI runs the same.',
    '- `paved check` checks conformance to `paved.json`: module boundaries, layout, tags, owners, required',
    '  files, banned dependencies and toolchain pins. Findings recorded in `paved-baseline.json` existed',
    '  before; do not add to it, fix new findings instead.',
    '- The pre-commit hook formats and lints staged files and refuses staged secrets',
    '  (`paved scan secrets --staged`); do not bypass it with `--no-verify`.',
    '- `nx sync` regenerates derived files (CODEOWNERS, this block); `nx sync:check` fails when they are stale.',
  );
  return `${lines.join('\n')}\n`;
}

/** AGENTS.md with Paved's block brought up to date and everything the team wrote kept. */
export function updateAgentsMd(existing: string | undefined, policy: Policy, kinds: readonly KindOffer[]): string {
  return withManagedBlock(existing, renderAgentsMd(policy, kinds), blockStyle);
}
