import { z } from 'zod';
import { readJsonFile } from './json-file';

/**
 * Where no run of a task was ever measured, its duration is guessed from its project's size: a
 * fixed start-up cost per target (loading the tool) plus a cost per source file. The figures are
 * this repository's own medians (ESLint about 2 s to load, vitest 3-4 s, tsc 2-3 s); what matters
 * for a split is that a big project weighs more than a small one, the same on every machine.
 */
const costs: Record<string, { startMs: number; perFileMs: number }> = {
  lint: { startMs: 2000, perFileMs: 60 },
  typecheck: { startMs: 2500, perFileMs: 40 },
  test: { startMs: 3500, perFileMs: 120 },
  e2e: { startMs: 10000, perFileMs: 400 },
  build: { startMs: 2500, perFileMs: 50 },
};
const otherTarget = { startMs: 2000, perFileMs: 50 };

/** The guessed duration of `target` on a project of `fileCount` tracked files. */
export function estimateDurationMs(target: string, fileCount: number): number {
  const cost = costs[target] ?? otherTarget;
  return cost.startMs + cost.perFileMs * Math.max(0, fileCount);
}

const durationsFileSchema = z.record(
  z.string().regex(/^[^:\s]+:[^:\s]+$/, 'a task id, project:target'),
  z.number().nonnegative(),
);

/**
 * A durations file: `{ "project:target": milliseconds }`, as `paved ci plan --format json` lists
 * them per task or a team exports from its build records. Refused whole when one entry is wrong.
 */
export function readDurationsFile(path: string): Map<string, number> {
  const durations = readJsonFile(
    path,
    durationsFileSchema,
    'PAVED-802',
    'a JSON object of task ids to milliseconds: { "app:test": 41200 }',
  );
  return new Map(Object.entries(durations));
}
