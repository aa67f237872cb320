/**
 * Values that have a secret's shape but not its content: what documentation, tests and templates
 * write where a real token would go. Every detector asks the same questions, so a placeholder that
 * one vendor's rule forgives is forgiven by all.
 */

/** Shannon entropy in bits per character: ~4-6 for random tokens, ~2-3.5 for words and placeholders. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** The longest run of one repeated character: `xxxxxx`, `000000`. */
export function longestRepeatedRun(value: string): number {
  let longest = value.length > 0 ? 1 : 0;
  let run = 1;
  for (let index = 1; index < value.length; index += 1) {
    run = value[index] === value[index - 1] ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Counting in hex or base36 goes on from `9` to `a`: `0123456789abcdef` is one sequence. */
const countsOn = (previous: string, next: string) => previous === '9' && (next === 'a' || next === 'A');

/** The longest run of consecutive code points, up or down: `abcdefg`, `123456`, `zyxw`, `789abc`. */
export function longestSequentialRun(value: string): number {
  let longest = value.length > 0 ? 1 : 0;
  let up = 1;
  let down = 1;
  for (let index = 1; index < value.length; index += 1) {
    const step = value.charCodeAt(index) - value.charCodeAt(index - 1);
    up = step === 1 || countsOn(value[index - 1], value[index]) ? up + 1 : 1;
    down = step === -1 || countsOn(value[index], value[index - 1]) ? down + 1 : 1;
    longest = Math.max(longest, up, down);
  }
  return longest;
}

/** A short unit typed again and again: `0123456789abcdef` ×4, `abc123abc123`, `deadbeefdeadbeef`. */
export function isRepeatedUnit(value: string): boolean {
  for (let unit = 1; unit <= Math.min(16, value.length / 2); unit += 1) {
    let repeats = true;
    for (let index = unit; index < value.length && repeats; index += 1) repeats = value[index] === value[index - unit];
    if (repeats) return true;
  }
  return false;
}

// An ellipsis marks a value cut short in documentation (`pvc_dev_…`).
// Format strings are `%s` / `%d` standing apart (`token-%s`) or Python's `%(name)s`; a `%s` beside
// letters or the symbols random keys draw from is chance (Django's keys draw from `%`, `(`, `^`, `=`).
const placeholderWords =
  /example|sample|placeholder|redacted|change[-_]?me|insert|replace|test[_-]?(?:key|token|secret)|…|\.{3}|<[^>]*>|\$\{|\{\{|%\([\w.-]+\)[sd]|(?<![A-Za-z0-9!@#$^&*()=+])%[sd](?![A-Za-z0-9!@#$^&*()=+])/i;
// Four letters turn up in random tokens by chance (one 36-character token in ten thousand spells
// `yoUR`, `DUmmy` or `6Fake`): these count only as a word, spelled the way people spell it.
// Five keys along a keyboard row (`qwert`, `asdfg`, `zxcvb`, French `azert`) are typed: a random
// 36-character base36 body spells one of them about once in 10^6.
const keyboardWalks = /qwert|asdfg|zxcvb|azert|QWERT|ASDFG|ZXCVB|AZERT/;
const shortPlaceholderWords = /xxxx|XXXX|(?<![A-Za-z0-9])(?:[yY]our|YOUR|[fF]ake|FAKE|[dD]ummy|DUMMY)(?![a-z])/;

/** Made of at most three runs of consecutive characters, each of three or more: `abcd1234`, `abc123xyz`. */
export function isFewSequences(value: string): boolean {
  let runs = 1;
  let run = 1;
  let step = 0;
  for (let index = 1; index < value.length; index += 1) {
    const next = value.charCodeAt(index) - value.charCodeAt(index - 1);
    if ((next === 1 || next === -1) && (run === 1 || next === step)) {
      step = next;
      run += 1;
      continue;
    }
    if (run < 3) return false;
    runs += 1;
    run = 1;
    step = 0;
    if (runs > 3) return false;
  }
  return run >= 3;
}

/** The step from one character to the next when counting, ignoring case: 1 up, -1 down, 0 neither. */
function countingStep(previous: string, next: string): number {
  const [a, b] = [previous.toLowerCase(), next.toLowerCase()];
  if (b.charCodeAt(0) - a.charCodeAt(0) === 1 || countsOn(a, b)) return 1;
  if (a.charCodeAt(0) - b.charCodeAt(0) === 1 || countsOn(b, a)) return -1;
  return 0;
}

/** How much of `value` lies in runs of `shortest` or more characters counting up or down (`abc`, `987`, `DeF`). */
export function sequenceCoverage(value: string, shortest = 3): number {
  let covered = 0;
  let run = 1;
  let step = 0;
  for (let index = 1; index <= value.length; index += 1) {
    const next = index < value.length ? countingStep(value[index - 1], value[index]) : 0;
    if (next !== 0 && (run === 1 || next === step)) {
      step = next;
      run += 1;
      continue;
    }
    if (run >= shortest) covered += run;
    // A character that breaks one run can start the next one.
    [run, step] = next !== 0 ? [2, next] : [1, 0];
  }
  return value.length === 0 ? 0 : covered / value.length;
}

/**
 * Typed, not drawn: mostly counting runs (`7e4abcdef456ghijkl…`, `abcdef1234567890abcdef…`), or
 * letters and digits each counting on between the others (`1a2b3c4d…`, `A1B2C3D4…`). A random
 * body has a run of three in a few dozen characters at most.
 */
export function isMostlySequences(value: string): boolean {
  if (value.length >= 8 && sequenceCoverage(value) >= 0.6) return true;
  // Letters alone and digits alone are drawn from fewer symbols, so their runs must be longer and
  // cover more before they say "typed". Hex has six letters only: they run on by chance (`cdcbaedcbaee`).
  const letters = /^[0-9a-f]+$/i.test(value) ? '' : value.replace(/[^A-Za-z]/g, '');
  return [letters, value.replace(/\D/g, '')].some((part) => part.length >= 12 && sequenceCoverage(part, 4) >= 0.75);
}

/**
 * A chunk written again: eight characters twice (`…W5zbfUkzlXe…W5zbfUkzlXe`, `AAAABBBB…AAAABBBB`)
 * or four three times (`fake…fake…fake`). Random bodies repeat a four-character chunk three times
 * about once in 10^5 64-character hex bodies; chunks of one or two distinct characters are runs,
 * judged elsewhere (Twitter's bearer tokens open with twenty `A`s).
 */
export function hasRepeatedChunk(value: string): boolean {
  for (const [size, times] of [
    [8, 2],
    [4, 3],
  ]) {
    const seen = new Map<string, { last: number; count: number }>();
    for (let index = 0; index + size <= value.length; index += 1) {
      const chunk = value.slice(index, index + size);
      if (new Set(chunk).size < 3) continue;
      const earlier = seen.get(chunk);
      if (!earlier) seen.set(chunk, { last: index, count: 1 });
      else if (index - earlier.last >= size) {
        earlier.last = index;
        earlier.count += 1;
        if (earlier.count >= times) return true;
      }
    }
  }
  return false;
}

/**
 * Mostly capitalised words run together (`SlackAppConfigurationAccessTokenHere`,
 * `AgencyIdentificationCodeContentType`): a name, not a drawn value. Words of four letters or
 * more covering three quarters of a random body, one of them eight letters long, are far rarer
 * than one in 10^5.
 */
export function isCamelCaseWords(value: string): boolean {
  const words = value.match(/[A-Z][a-z]{3,24}/g) ?? [];
  const covered = words.reduce((total, word) => total + word.length, 0);
  // Words are a third vowels or more; random letters a fifth (`Ptfvecotwxeq`, `Rnrijx`).
  const vowels = words.join('').match(/[aeiouAEIOU]/g)?.length ?? 0;
  return (
    words.length >= 4 &&
    covered >= value.length * 0.75 &&
    words.some((word) => word.length >= 8) &&
    vowels >= covered * 0.3
  );
}

/**
 * Is this token body (the part after a vendor prefix, or a whole generic value) a placeholder?
 * True for runs of one character (`xxxxxxxx`), alphabet or digit sequences (`abcdefgh`, `12345678`),
 * words that say "put yours here", template syntax, and bodies too uniform to be random.
 */
export function isPlaceholder(body: string): boolean {
  if (body.length === 0) return true;
  if (keyboardWalks.test(body)) return true;
  if (placeholderWords.test(body) || shortPlaceholderWords.test(body)) return true;
  // Six: a run of five turns up by chance in about 1 of 10^5 random 16-character base32 bodies.
  const runLimit = Math.max(6, Math.ceil(body.length / 4));
  if (longestRepeatedRun(body) >= runLimit) return true;
  // Ten counting characters in a row (`abcdefghij`, `ABCDEFGHIJKL` inside a long body) are typed:
  // a random body counts on for ten about once in 10^8 positions even in hex.
  if (longestSequentialRun(body) >= Math.min(10, Math.max(6, Math.ceil(body.length / 3)))) return true;
  if (isRepeatedUnit(body)) return true;
  if (isFewSequences(body) || isMostlySequences(body)) return true;
  if (isCamelCaseWords(body)) return true;
  // Base64 of JSON (`eyJ` is `{"`) repeats its keys and punctuation: its chunks say nothing.
  if (!body.startsWith('eyJ') && hasRepeatedChunk(body)) return true;
  // A random body of n characters has about min(log2(n), log2(alphabet)) bits per character;
  // far below that is a pattern a person typed.
  // Short random values fall short of their expected entropy more often (`dccc443c`, 1.75 of 3
  // bits, one 8-hex id in a hundred): below 16 characters only half of it says "typed".
  const expected = Math.min(Math.log2(body.length), 4);
  return body.length >= 8 && shannonEntropy(body) < expected * (body.length < 16 ? 0.5 : 0.6);
}

/**
 * How many runs of four or more of one character a value has: `…AAAABBBBCCCC…` has three, where a
 * person filled a value in by blocks. Random 64-hex bodies have three such runs about once in 10^6;
 * base62 far less often. Vendor formats may hold filler on purpose (Mailgun's `…-00001111-…` test
 * keys are documentation), so only the generic rules, whose only evidence is a name, ask this.
 */
export function fillerRuns(value: string): number {
  return value.match(/(.)\1{3,}/g)?.length ?? 0;
}
