import { PavedError } from '@paved/errors';
import { parseDocument, type Document } from 'yaml';
import { type MergePlan } from './tree';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a JSON file the merge reads, refusing with PAVED-704 when it is not a JSON object. */
export function parseJsonObject(text: string, file: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PavedError({ code: 'PAVED-704', file, message: `is not valid JSON: ${(error as Error).message}` });
  }
  if (!isJsonObject(value)) {
    throw new PavedError({ code: 'PAVED-704', file, message: 'is not a JSON object', expected: 'a JSON object' });
  }
  return value;
}

/** Parses a YAML file the merge edits, keeping its comments and layout for the rewrite. */
export function parseYamlDocument(text: string, file: string): Document {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new PavedError({ code: 'PAVED-704', file, message: `is not valid YAML: ${document.errors[0].message}` });
  }
  return document;
}

/** Serializes like the file was: its indentation, and a final newline. */
export function stringifyJsonLike(value: unknown, original: string | null): string {
  const indent = /^([ \t]+)"/m.exec(original ?? '')?.[1] ?? '  ';
  return `${JSON.stringify(value, null, indent)}\n`;
}

export function readJsonObject(plan: MergePlan, file: string): JsonObject | undefined {
  const text = plan.read(file);
  return text === null ? undefined : parseJsonObject(text, file);
}

export function writeJson(plan: MergePlan, file: string, value: unknown): void {
  plan.write(file, stringifyJsonLike(value, plan.read(file)));
}
