import { identifierPattern } from '@paved/policy';
import { z } from 'zod';

const identifier = z.string().regex(identifierPattern, { error: 'must be kebab-case' });

const targetSchema = z
  .looseObject({
    executor: z.string().optional(),
    command: z.string().optional(),
    options: z.record(z.string(), z.unknown()).optional(),
    dependsOn: z.array(z.unknown()).optional(),
  })
  .describe('An Nx target configuration, written into project.json as is (after placeholder substitution).');

/** `generators/<kind>/template.json`: what a kind is. The files/ folder beside it holds its EJS templates. */
export const templateSchema = z
  .strictObject({
    $schema: z.string().optional(),
    description: z.string().min(1).describe('One line shown when choosing a kind.'),
    projectType: z.enum(['library', 'application']).describe('The Nx project type.'),
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, { error: 'must be a semantic version such as 1.0.0' })
      .describe('Template version, recorded in every generated project for future migrations.'),
    defaultPath: z
      .string()
      .min(1)
      .describe('Layout used when paved.json sets no kinds.<kind>.path. Placeholders: {scope}, {type}, {name}.'),
    allowedTypes: z
      .array(identifier)
      .min(1)
      .describe('Project types this kind may take, unless paved.json narrows them with kinds.<kind>.types.'),
    defaultType: identifier.optional().describe('Type used when --type is not given.'),
    publishable: z.boolean().default(false).describe('Whether --publishable makes sense for this kind.'),
    targets: z
      .record(z.string(), targetSchema)
      .default({})
      .describe('Targets every project of this kind gets in project.json. {projectRoot} and {name} are substituted.'),
  })
  .refine((t) => t.defaultType === undefined || t.allowedTypes.includes(t.defaultType), {
    error: 'defaultType must be one of allowedTypes',
    path: ['defaultType'],
  });

export type Template = z.output<typeof templateSchema>;

export function templateJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(templateSchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'Paved project kind (generators/<kind>/template.json)',
  };
}
