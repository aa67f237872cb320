import { z } from 'zod';
import { policySchema } from './schema';

/** The JSON Schema editors use for paved.json, generated from the zod schema. */
export function policyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(policySchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'Paved workspace policy (paved.json)',
  };
}
