/**
 * Is a `-----BEGIN … PRIVATE KEY-----` block a key, or a placeholder with a key's frame?
 *
 * Documentation and tests write `-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----`,
 * `<your key here>` or a few lines of filler. A key's body is base64 that decodes to the structure its
 * label promises: DER (a SEQUENCE whose declared length fits the data: PKCS#1, SEC1, PKCS#8, DSA,
 * encrypted PKCS#8), `openssh-key-v1\0`, or an OpenPGP secret-key packet. Traditionally encrypted PEM
 * (`Proc-Type: 4,ENCRYPTED`) is ciphertext, so it only has to be whole cipher blocks. A truncated key
 * (its declared length runs past the data) still counts: it is the beginning of a real one.
 */

// RFC 1421 / OpenPGP armor headers: `Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`, `Version: …`, `Comment: …`.
const armorHeader = /^[A-Za-z][\w-]{0,40}:/;
// The OpenPGP armor checksum: `=` and 4 base64 characters (CRC-24).
const armorChecksum = /^=[A-Za-z0-9+/]{4}$/;
const base64Body = /^[A-Za-z0-9+/]+={0,2}$/;

/** The smallest key any label can hold: a PKCS#8 ed25519 key is 48 bytes, 64 base64 characters. */
const minimumBytes = 32;
/** Far above an 8192-bit RSA key in PKCS#8 (about 4.8 KB). */
const maximumDeclaredBytes = 64 * 1024;

export function isKeyMaterial(block: string): boolean {
  const label = /-----BEGIN ([A-Z0-9 ]{0,60})-----/.exec(block)?.[1] ?? '';
  // A key in a JSON string (a service-account file) writes its newlines as `\n`; that file as a string
  // inside another JSON document (a CI variable, a Terraform output) as `\\n`.
  const unescaped = block.replace(/\\{1,2}[rn]/g, '\n');
  const start = unescaped.indexOf('-----', unescaped.indexOf('-----BEGIN') + 11) + 5;
  const lines = unescaped
    .slice(start, unescaped.lastIndexOf('-----END'))
    .split(/\r?\n/)
    // A key pasted into code as concatenated strings: `"MIIE…" +` on each line.
    .map((line) =>
      line
        .trim()
        .replace(/^["']/, '')
        .replace(/["'][ \t]*\+?$|^[ \t]*\+$/, ''),
    )
    .filter((line) => line.length > 0);
  const headers = lines.filter((line) => armorHeader.test(line));
  const bodyLines = lines.filter((line) => !armorHeader.test(line) && !armorChecksum.test(line));
  const base64 = bodyLines.join('');
  if (!base64Body.test(base64)) return false;
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length < minimumBytes || isFiller(bytes)) return false;

  if (headers.some((header) => /^Proc-Type:\s*4,\s*ENCRYPTED/i.test(header))) return bytes.length % 8 === 0;
  const isOpenSsh = bytes.subarray(0, 15).toString('latin1') === 'openssh-key-v1\0';
  // ssh-keygen's own format under an older label (`BEGIN RSA PRIVATE KEY`) is still a key.
  if (label.includes('OPENSSH') || isOpenSsh) return isOpenSsh;
  if (label.includes('PGP')) return isSecretKeyPacket(bytes[0]);
  return isDerSequence(bytes);
}

/** Bytes no key generator writes: one value repeated over most of the body (`AAAA…`, `////…`). */
function isFiller(bytes: Buffer): boolean {
  const counts = new Map<number, number>();
  for (const byte of bytes) counts.set(byte, (counts.get(byte) ?? 0) + 1);
  return Math.max(...counts.values()) > bytes.length / 2;
}

/** A DER SEQUENCE whose declared length is at least the data present (a truncated key) and bounded. */
function isDerSequence(bytes: Buffer): boolean {
  if (bytes[0] !== 0x30) return false;
  const first = bytes[1];
  let length = first;
  let headerLength = 2;
  if (first >= 0x80) {
    const lengthBytes = first & 0x7f;
    if (lengthBytes === 0 || lengthBytes > 3) return false;
    length = 0;
    for (let index = 0; index < lengthBytes; index += 1) length = length * 256 + bytes[2 + index];
    headerLength = 2 + lengthBytes;
    // DER writes the shortest length form.
    if (length < 0x80 || (lengthBytes > 1 && bytes[2] === 0)) return false;
  }
  const declared = headerLength + length;
  return declared >= bytes.length - 2 && declared <= maximumDeclaredBytes;
}

/** An OpenPGP packet header (RFC 4880 §4.2) for a Secret-Key (5) or Secret-Subkey (7) packet. */
function isSecretKeyPacket(first: number | undefined): boolean {
  if (first === undefined || (first & 0x80) === 0) return false;
  const tag = first & 0x40 ? first & 0x3f : (first >> 2) & 0x0f;
  return tag === 5 || tag === 7;
}
