/**
 * Where a Kubernetes manifest keeps secret values: the `data:` (base64) and `stringData:` (plain)
 * maps of documents whose `kind` is `Secret`, in YAML (one or more `---`-separated documents) or
 * JSON (`kubectl get secret -o json`, a `List` of items). Computed once per text, in one pass.
 */
export interface SecretSection {
  start: number;
  end: number;
  /** `data` values are base64; `stringData` values are the secret as written. */
  encoding: 'base64' | 'plain';
}

let cachedText: string | undefined;
let cachedSections: SecretSection[] = [];

/** The `data`/`stringData` sections of every Secret in `text`. */
export function secretSections(text: string): readonly SecretSection[] {
  if (text !== cachedText) {
    cachedSections = /^\s*[{[]/.test(text) ? jsonSections(text) : yamlSections(text);
    cachedText = text;
  }
  return cachedSections;
}

/** The section that holds `offset`, if any (sections are in text order and do not overlap). */
export function sectionAt(text: string, offset: number): SecretSection | undefined {
  const sections = secretSections(text);
  const candidate = sections[firstAfter(sections, offset, (section) => section.start) - 1];
  return candidate && offset < candidate.end ? candidate : undefined;
}

/** Index of the first item whose position is greater than `offset` (items sorted by position). */
function firstAfter<T>(items: readonly T[], offset: number, position: (item: T) => number): number {
  let [low, high] = [0, items.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (position(items[middle]) > offset) high = middle;
    else low = middle + 1;
  }
  return low;
}

const yamlKindSecret = /^[ \t]*kind:[ \t]*["']?Secret["']?[ \t]*(?:#.*|)$/im;
const yamlSectionStart = /^([ \t]*)(data|stringData):[ \t]*(?:#.*|)$/gm;

function yamlSections(text: string): SecretSection[] {
  const sections: SecretSection[] = [];
  let documentStart = 0;
  for (const boundary of [...text.matchAll(/^---[^\n]*$/gm), { index: text.length }]) {
    const documentEnd = boundary.index ?? text.length;
    const document = text.slice(documentStart, documentEnd);
    if (yamlKindSecret.test(document)) {
      for (const start of document.matchAll(yamlSectionStart)) {
        const indent = start[1].length;
        const bodyStart = start.index + start[0].length;
        sections.push({
          start: documentStart + bodyStart,
          end: documentStart + indentedBlockEnd(document, bodyStart, indent),
          encoding: start[2] === 'data' ? 'base64' : 'plain',
        });
      }
    }
    documentStart = documentEnd;
  }
  return sections;
}

/** Where the block of lines indented deeper than `indent` that starts after `from` ends. */
function indentedBlockEnd(document: string, from: number, indent: number): number {
  let lineStart = document.indexOf('\n', from) + 1;
  if (lineStart === 0) return document.length;
  while (lineStart < document.length) {
    const lineEnd = document.indexOf('\n', lineStart);
    const line = document.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    const lineIndent = line.length - line.trimStart().length;
    if (line.trim() !== '' && !line.trimStart().startsWith('#') && lineIndent <= indent) return lineStart;
    if (lineEnd === -1) return document.length;
    lineStart = lineEnd + 1;
  }
  return document.length;
}

const jsonKindSecret = /"kind"\s*:\s*"Secret"/i;
const jsonSectionStart = /"(data|stringData)"\s*:\s*\{/g;

// In JSON, `data` maps hold strings only, so a section ends at the first closing brace. A List
// mixes kinds: the `"kind"` of the item that holds the section decides.
function jsonSections(text: string): SecretSection[] {
  if (!jsonKindSecret.test(text)) return [];
  const kinds = [...text.matchAll(/"kind"\s*:\s*"(\w+)"/g)];
  const sections: SecretSection[] = [];
  for (const start of text.matchAll(jsonSectionStart)) {
    const bodyStart = start.index + start[0].length;
    const end = text.indexOf('}', bodyStart);
    if (end === -1) continue;
    if (!itemKindIsSecret(kinds, start.index, text)) continue;
    sections.push({ start: bodyStart, end, encoding: start[1] === 'data' ? 'base64' : 'plain' });
  }
  return sections;
}

/** The kind of the List item that holds `offset`: the nearer of the kinds just before and after it in the same item. */
function itemKindIsSecret(kinds: readonly RegExpExecArray[], offset: number, text: string): boolean {
  if (kinds.length === 1) return kinds[0][1] === 'Secret';
  const after = firstAfter(kinds, offset, (kind) => kind.index);
  const candidates = [kinds[after - 1], kinds[after]];
  let nearest: RegExpExecArray | undefined;
  let distance = Infinity;
  for (const kind of candidates) {
    if (kind === undefined) continue;
    const [from, to] = kind.index < offset ? [kind.index, offset] : [offset, kind.index];
    if (itemBoundary.test(text.slice(from, to))) continue;
    if (to - from < distance) [nearest, distance] = [kind, to - from];
  }
  return nearest?.[1] === 'Secret';
}

// `},\n    {` between two members means they belong to different items of a List.
const itemBoundary = /\}\s*,\s*\{/;
