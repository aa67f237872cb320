import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../detector';
import { alphabets, randomFrom } from './samples';

describe('Jenkins credential XML', () => {
  const entry = (value: string) =>
    `<com.cloudbees.plugins.credentials.impl.StringCredentialsImpl>\n  <id>ci-token</id>\n  <secret>${value}</secret>\n</com.cloudbees.plugins.credentials.impl.StringCredentialsImpl>\n`;
  const secretsIn = async (text: string) =>
    (await detectSecrets('jenkins/credentials.xml', text)).map((finding) => finding.secret);

  it('takes a generated word out of a note written beside it, and not the note', async () => {
    // A letter and a digit at the end: a draw of letters only would be a word.
    const token = `${randomFrom(alphabets.alphanumeric, 22)}k7`;
    expect(await secretsIn(entry(`{ci token ${token}}`))).toEqual([token]);
  });

  it('leaves words, references and a key block alone', async () => {
    expect(await secretsIn(entry('configuration for production'))).toEqual([]);
    expect(await secretsIn(entry('${CI_TOKEN}'))).toEqual([]);
    expect(await secretsIn(entry(`{AQAAABAAAA${'A'.repeat(64)}}`))).toEqual([]);
  });
});
