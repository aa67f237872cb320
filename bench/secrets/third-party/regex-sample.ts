import { createHash, randomInt } from 'node:crypto';

/** A whole number in [0, bound): `randomInt`, or a seeded stream of them. */
export type RandomBelow = (bound: number) => number;

/**
 * The same numbers for the same seed, on any machine: SHA-256 of the seed and a counter. Runs of
 * the benchmark compare on the same generated secrets, so a change in recall is the scanner's.
 */
export function seededRandom(seed: string): RandomBelow {
  let counter = 0;
  return (bound) => {
    const digest = createHash('sha256').update(`${seed}\0${counter++}`).digest();
    return digest.readUIntBE(0, 6) % bound;
  };
}

/**
 * One random string matching a simple regular expression: what gitleaks' rule generator does with
 * `secrets.NewSecret(regex)` to make its true positives, redone here so the examples it describes
 * can be rebuilt at run time (they are never written down). Covers the subset those rules use:
 * literals, escapes, classes with ranges, groups with alternatives and bounded or unbounded
 * quantifiers. Anything else throws, and the caller skips that example.
 */
export function sampleOfRegex(source: string, random: RandomBelow = randomInt): string {
  const parser = new RegexSampler(source.replace(/^\(\?[a-z]+\)/, ''), random);
  const text = parser.alternatives();
  if (parser.position < parser.source.length) throw new Error(`unsupported regex at ${parser.position}: ${source}`);
  return text;
}

const printable = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join('');
const classEscapes: Record<string, string> = {
  d: '0123456789',
  w: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_',
  s: ' ',
};
/** Unbounded repeats (`*`, `+`, `{m,}`) stop this far past their minimum. */
const openRepeatSpan = 8;

class RegexSampler {
  position = 0;
  constructor(
    readonly source: string,
    private readonly random: RandomBelow,
  ) {}

  private peek(): string | undefined {
    return this.source[this.position];
  }

  alternatives(): string {
    const options: (() => string)[] = [];
    const starts: number[] = [this.position];
    // Parse every alternative (to find the group's end), then generate one of them again.
    for (;;) {
      this.sequence();
      if (this.peek() !== '|') break;
      this.position += 1;
      starts.push(this.position);
    }
    const end = this.position;
    for (const start of starts)
      options.push(() => {
        this.position = start;
        return this.sequence();
      });
    const text = options[this.random(options.length)]();
    this.position = end;
    return text;
  }

  private sequence(): string {
    let text = '';
    while (this.position < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const atomStart = this.position;
      this.atom();
      const atomEnd = this.position;
      const [min, max] = this.quantifier();
      const afterQuantifier = this.position;
      const count = min + this.random(max - min + 1);
      for (let index = 0; index < count; index += 1) {
        this.position = atomStart;
        text += this.atom();
      }
      if (count === 0) this.position = atomEnd;
      this.position = afterQuantifier;
    }
    return text;
  }

  private quantifier(): [number, number] {
    const next = this.peek();
    let bounds: [number, number] = [1, 1];
    if (next === '?') bounds = [0, 1];
    else if (next === '*') bounds = [0, openRepeatSpan];
    else if (next === '+') bounds = [1, openRepeatSpan];
    else if (next === '{') {
      const match = /^\{(\d{1,6})(,?)(\d{0,6})\}/.exec(this.source.slice(this.position));
      if (!match) return bounds;
      const min = Number(match[1]);
      const max = match[2] ? (match[3] ? Number(match[3]) : min + openRepeatSpan) : min;
      this.position += match[0].length;
      if (this.peek() === '?') this.position += 1;
      return [min, max];
    } else return bounds;
    this.position += 1;
    if (this.peek() === '?') this.position += 1; // lazy: same strings
    return bounds;
  }

  private atom(): string {
    const char = this.peek();
    if (char === undefined) throw new Error('regex ended early');
    if (char === '(') {
      this.position += 1;
      const named = /^\?(?:P?<[A-Za-z_]\w*>|:|[a-z]+:)/.exec(this.source.slice(this.position));
      if (named) this.position += named[0].length;
      else if (this.peek() === '?') throw new Error(`unsupported group in ${this.source}`);
      const text = this.alternatives();
      if (this.peek() !== ')') throw new Error(`unclosed group in ${this.source}`);
      this.position += 1;
      return text;
    }
    if (char === '[') return this.pick(this.characterClass());
    this.position += 1;
    if (char === '.') return this.pick(classEscapes.w);
    if (char === '^' || char === '$') return '';
    if (char !== '\\') return char;
    const escaped = this.source[this.position++];
    if (escaped === 'b' || escaped === 'B' || escaped === 'A' || escaped === 'z') return '';
    if (escaped in classEscapes) return this.pick(classEscapes[escaped]);
    if (escaped === 'x') {
      const hex = this.source.slice(this.position, this.position + 2);
      this.position += 2;
      return String.fromCharCode(parseInt(hex, 16));
    }
    if (escaped === 'n') return '\n';
    if (escaped === 't') return '\t';
    return escaped;
  }

  private characterClass(): string {
    this.position += 1; // [
    const negated = this.peek() === '^';
    if (negated) this.position += 1;
    let members = '';
    let first = true;
    while (this.peek() !== ']' || first) {
      first = false;
      let char = this.source[this.position++];
      if (char === undefined) throw new Error(`unclosed class in ${this.source}`);
      if (char === '[' && this.source.startsWith(':', this.position)) throw new Error('POSIX classes unsupported');
      if (char === '\\') {
        const escaped = this.source[this.position++];
        if (escaped in classEscapes) {
          members += classEscapes[escaped];
          continue;
        }
        char =
          escaped === 'x'
            ? String.fromCharCode(parseInt(this.source.slice(this.position, (this.position += 2)), 16))
            : escaped;
      }
      if (this.peek() === '-' && this.source[this.position + 1] !== ']') {
        this.position += 1;
        let to = this.source[this.position++];
        if (to === '\\') to = this.source[this.position++];
        for (let code = char.charCodeAt(0); code <= to.charCodeAt(0); code += 1) members += String.fromCharCode(code);
      } else members += char;
    }
    this.position += 1; // ]
    if (!negated) return members;
    return [...printable].filter((c) => !members.includes(c) && c !== ' ').join('');
  }

  private pick(alphabet: string): string {
    if (alphabet.length === 0) throw new Error('empty character class');
    return alphabet[this.random(alphabet.length)];
  }
}
