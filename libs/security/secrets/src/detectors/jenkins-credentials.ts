/**
 * Jenkins keeps credentials in XML (`credentials.xml`, a job's `config.xml`): a
 * `com.cloudbees.plugins.credentials` entry whose `<secret>`, `<password>`, `<apiToken>`,
 * `<privateKey>` or `<passphrase>` holds the value. Jenkins writes it encrypted as `{AQAAABAAAA…}`:
 * base64 of a version byte 1, the IV's length (16) and the data's length as four bytes each, then
 * the IV and the cipher text, so every such value opens with the same ten characters. Anyone with the controller's master key (or
 * the script console) reads it back, so an encrypted value is reported like a plaintext one.
 * Older and hand-written files carry the value in plaintext; the element says it is a secret, the
 * placeholder judgement says whether it is one (`${JENKINS_PASSWORD}`, `changeme` are not).
 */
import { isPlausibleSecretInUse } from './credentials';
import { type SecretDetector } from './kit';
import { isPlaceholder } from './placeholders';

/** Ten fixed characters, then the rest of the data length, the IV (16 bytes) and at least one cipher block. */
const encryptedPrefix = 'AQAAABAAAA';

const jenkinsEncryptedSecret: SecretDetector = {
  id: 'paved/jenkins-encrypted-secret',
  what: 'Jenkins encrypted secret',
  keywords: ['{aqaaabaaaa'],
  pattern: /(?<secret>\{AQAAABAAAA[A-Za-z0-9+/]{30,4000}={0,2}\})/g,
  accept: (secret) => !isPlaceholder(secret.slice(1 + encryptedPrefix.length, -1)),
};

const secretElements = 'secret|password|apiToken|privateKey|passphrase';

/** The text between the `>` before `offset` and the `<` after it: the element's content. */
function elementContentAt(text: string, offset: number): string {
  const start = text.lastIndexOf('>', offset) + 1;
  const end = text.indexOf('<', offset);
  return text.slice(start, end === -1 ? text.length : end).trim();
}

const mixesLettersAndDigits = (value: string) => /\d/.test(value) && /[a-z]/i.test(value);

/**
 * A value written in the element. A content of one word is judged as a password in use; a content
 * of several words (a note beside the value) yields only the words a generator made: 16 or more
 * characters mixing letters and digits, not a placeholder.
 */
function isPlaintextCredential(secret: string, match: RegExpExecArray, text: string): boolean {
  const content = elementContentAt(text, match.index);
  if (/\$\{|\{\{|-----BEGIN/.test(content)) return false;
  if (content === secret) return isPlausibleSecretInUse(secret);
  return secret.length >= 16 && mixesLettersAndDigits(secret) && !isPlaceholder(secret);
}

const jenkinsPlaintextCredential: SecretDetector = {
  id: 'paved/jenkins-credential',
  what: 'Jenkins credential',
  keywords: ['com.cloudbees.plugins.credentials', 'hudson.', 'org.jenkinsci.plugins'],
  // One word of an element's content: it starts after a space, `{` or the opening tag, and the
  // opening tag of a secret element lies before it with no other tag between. The lookbehind runs
  // only at the end of a word and stops at the first `<`, so a position costs at most the bounds.
  // eslint-disable-next-line paved-security/no-dynamic-regexp -- built from the constant element names above only
  pattern: new RegExp(
    String.raw`(?<![^\s{>])(?<secret>[^\s<>{}]{3,512})(?![^\s<}])(?<=<(?:${secretElements})>[^<]{0,600})(?=[^<]{0,600}</(?:${secretElements})>)`,
    'g',
  ),
  accept: isPlaintextCredential,
};

/** Encrypted first: `{AQAAABAAAA…}` is one value, not a word inside an element. */
export const jenkinsCredentialDetectors: readonly SecretDetector[] = [
  jenkinsEncryptedSecret,
  jenkinsPlaintextCredential,
];
