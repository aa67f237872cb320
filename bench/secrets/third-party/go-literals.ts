/**
 * Just enough Go to read gitleaks' rule generator (cmd/generate/config/rules/*.go): tokens, and an
 * evaluator for the expressions its true/false positive lists are built from (string literals and
 * `+`, `[]string{…}`, `map[string]string{…}`, `append`, `fmt.Sprintf`, `strings.Repeat`, and the
 * generator's own helpers, supplied by the caller as `calls`). An expression outside that subset
 * evaluates to `undefined` and the caller skips it: a partial corpus, never a wrong one.
 */
export type GoToken = { kind: 'string' | 'ident' | 'number' | 'punct'; text: string };

/** A generated example: its text, and the exact secret when the generator says which part it is. */
export interface GoText {
  text: string;
  secret?: string;
  /** How it is planted (gitleaks' sample template name: "yaml - singleline - unquoted"). */
  template?: string;
  /** The file path a `map[string]string` example is validated under. */
  path?: string;
}
export type GoValue = GoText | GoText[] | undefined;

export function tokenizeGo(source: string): GoToken[] {
  const tokens: GoToken[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index];
    if (/\s/.test(char)) index += 1;
    else if (source.startsWith('//', index)) index = nextIndex(source, '\n', index);
    else if (source.startsWith('/*', index)) index = nextIndex(source, '*/', index) + 1;
    else if (char === '`') {
      const end = nextIndex(source, '`', index + 1);
      tokens.push({ kind: 'string', text: source.slice(index + 1, end - 1) });
      index = end;
    } else if (char === '"') {
      let text = '';
      index += 1;
      while (index < source.length && source[index] !== '"') {
        if (source[index] === '\\') {
          const escaped = source[index + 1];
          const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', "'": "'" };
          if (escaped in simple) {
            text += simple[escaped];
            index += 2;
          } else if (escaped === 'x') {
            text += String.fromCharCode(parseInt(source.slice(index + 2, index + 4), 16));
            index += 4;
          } else if (escaped === 'u') {
            text += String.fromCharCode(parseInt(source.slice(index + 2, index + 6), 16));
            index += 6;
          } else {
            text += escaped;
            index += 2;
          }
        } else text += source[index++];
      }
      tokens.push({ kind: 'string', text });
      index += 1;
    } else if (char === "'") {
      const end = nextIndex(source, "'", index + 1);
      tokens.push({ kind: 'string', text: source.slice(index + 1, end - 1) });
      index = end;
    } else if (/[A-Za-z_]/.test(char)) {
      // A selector (`utils.Hex`) is one name: the helpers are looked up by it.
      const name = /^[A-Za-z_][\w.]*/.exec(source.slice(index))?.[0] ?? char;
      tokens.push({ kind: 'ident', text: name });
      index += name.length;
    } else if (/\d/.test(char)) {
      const digits = /^\d+/.exec(source.slice(index))?.[0] ?? char;
      tokens.push({ kind: 'number', text: digits });
      index += digits.length;
    } else {
      const punct = ['...', ':=', '==', '!=', '&&', '||', '+=', '<-'].find((p) => source.startsWith(p, index)) ?? char;
      tokens.push({ kind: 'punct', text: punct });
      index += punct.length;
    }
  }
  return tokens;
}

function nextIndex(source: string, needle: string, from: number): number {
  const found = source.indexOf(needle, from);
  return found === -1 ? source.length : found + needle.length;
}

export type GoCall = (args: GoValue[]) => GoValue;

/** Evaluates the expression starting at `tokens[start]`; returns its value and the index after it. */
export class GoEvaluator {
  constructor(
    private readonly tokens: GoToken[],
    private readonly variables: Map<string, GoValue>,
    private readonly calls: Record<string, GoCall>,
  ) {}

  expression(start: number): [GoValue, number] {
    let [value, index] = this.term(start);
    while (this.tokens[index]?.text === '+' && this.tokens[index].kind === 'punct') {
      const [right, next] = this.term(index + 1);
      value = concat(value, right);
      index = next;
    }
    return [value, index];
  }

  private term(start: number): [GoValue, number] {
    const token = this.tokens[start];
    if (!token) return [undefined, start];
    if (token.kind === 'string') return [{ text: token.text }, start + 1];
    if (token.kind === 'number') return [{ text: token.text }, start + 1];
    if (token.text === '(') {
      const [value, index] = this.expression(start + 1);
      return [value, this.tokens[index]?.text === ')' ? index + 1 : index];
    }
    if (token.text === '[' || token.text === 'map') return this.composite(start);
    // An empty list as Go tests write it (`want: nil`).
    if (token.text === 'nil') return [[], start + 1];
    if (token.kind === 'ident') {
      if (this.tokens[start + 1]?.text === '(') {
        const [args, index] = this.arguments(start + 2);
        const call = this.calls[token.text] ?? builtins[token.text];
        return [call ? call(args) : undefined, index];
      }
      return [this.variables.get(token.text), start + 1];
    }
    return [undefined, start + 1];
  }

  private arguments(start: number): [GoValue[], number] {
    const args: GoValue[] = [];
    let index = start;
    while (this.tokens[index] && this.tokens[index].text !== ')') {
      const [value, next] = this.expression(index);
      args.push(value);
      index = next;
      if (this.tokens[index]?.text === '...') index += 1;
      if (this.tokens[index]?.text === ',') index += 1;
      else if (this.tokens[index]?.text !== ')') index = this.skipTo(index, ')');
    }
    return [args, index + 1];
  }

  /** `[]string{a, b}` or `map[string]string{"path": a}`: a list (map keys become paths). */
  private composite(start: number): [GoValue, number] {
    const open = this.skipTo(start, '{');
    const isMap = this.tokens[start].text === 'map';
    const items: GoText[] = [];
    let index = open + 1;
    while (this.tokens[index] && this.tokens[index].text !== '}') {
      let path: string | undefined;
      if (isMap) {
        const [key, afterKey] = this.expression(index);
        path = key && !Array.isArray(key) ? key.text : undefined;
        index = this.tokens[afterKey]?.text === ':' ? afterKey + 1 : afterKey;
      }
      const [value, next] = this.expression(index);
      if (value !== undefined)
        for (const item of Array.isArray(value) ? value : [value]) items.push(path ? { ...item, path } : item);
      index = next;
      if (this.tokens[index]?.text === ',') index += 1;
      else if (this.tokens[index]?.text !== '}') index = this.skipTo(index, '}');
    }
    return [items, index + 1];
  }

  /** The index of the next `target` at this nesting depth. */
  skipTo(start: number, target: string): number {
    let depth = 0;
    for (let index = start; index < this.tokens.length; index += 1) {
      const text = this.tokens[index].text;
      if (depth === 0 && text === target) return index;
      if (text === '(' || text === '{' || text === '[') depth += 1;
      else if (text === ')' || text === '}' || text === ']') {
        if (depth === 0) return index;
        depth -= 1;
      }
    }
    return this.tokens.length;
  }
}

function concat(left: GoValue, right: GoValue): GoValue {
  if (!left || !right || Array.isArray(left) || Array.isArray(right)) return undefined;
  return { text: left.text + right.text };
}

const single = (value: GoValue) => (value && !Array.isArray(value) ? value.text : undefined);

const builtins: Record<string, GoCall> = {
  append: ([list, ...rest]) => {
    if (!Array.isArray(list)) return undefined;
    const items = [...list];
    for (const value of rest) if (value) items.push(...(Array.isArray(value) ? value : [value]));
    return items;
  },
  'fmt.Sprintf': ([format, ...args]) => {
    const pattern = single(format);
    if (pattern === undefined) return undefined;
    let next = 0;
    let failed = false;
    const text = pattern.replace(/%[sdvq]/g, (verb) => {
      const value = single(args[next++]);
      if (value === undefined) failed = true;
      return verb === '%q' ? JSON.stringify(value) : (value ?? '');
    });
    return failed ? undefined : { text };
  },
  'strings.Repeat': ([text, count]) => {
    const value = single(text);
    const times = Number(single(count));
    return value === undefined || !Number.isFinite(times) ? undefined : { text: value.repeat(times) };
  },
  'strings.ToUpper': ([text]) => {
    const value = single(text);
    return value === undefined ? undefined : { text: value.toUpperCase() };
  },
  'strings.ToLower': ([text]) => {
    const value = single(text);
    return value === undefined ? undefined : { text: value.toLowerCase() };
  },
};
