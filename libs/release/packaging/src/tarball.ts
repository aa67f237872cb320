import { PavedError } from '@paved/errors';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * `npm pack` of an assembled package folder into `destination`; returns the tarball's path.
 * npm ships with Node, so this needs nothing the machine does not already have, and its
 * tarball is the registry's own format (what `pnpm publish` of the same folder uploads too).
 */
export function npmPack(packageDir: string, destination: string): string {
  const result = spawnSync(
    'npm',
    ['pack', packageDir, '--pack-destination', destination, '--json', '--ignore-scripts'],
    {
      encoding: 'utf-8',
    },
  );
  const report = result.status === 0 ? parsePackReport(result.stdout) : undefined;
  if (!report) {
    throw new PavedError({
      code: 'PAVED-905',
      file: packageDir,
      message: `npm pack exited ${result.status ?? result.error?.message}: ${(result.stderr || result.stdout).trim().split('\n').slice(-5).join(' ')}`,
      hint: 'npm comes with Node.js; run `npm pack <folder>` by hand to see the full output',
    });
  }
  return join(destination, report.filename);
}

function parsePackReport(stdout: string): { filename: string } | undefined {
  try {
    const [report] = JSON.parse(stdout) as { filename?: unknown }[];
    return typeof report?.filename === 'string' ? { filename: report.filename } : undefined;
  } catch {
    return undefined;
  }
}

/** A tarball's regular files: package-relative path (without npm's `package/` prefix) → content. */
export function readTarball(file: string): Map<string, Buffer> {
  const archive = gunzipSync(readFileSync(file));
  const files = new Map<string, Buffer>();
  let longPath: string | undefined;
  for (let offset = 0; offset + 512 <= archive.length;) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const body = archive.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      // A PAX header: its `path` record holds a name longer than the ustar fields allow.
      longPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf-8'))?.[1] ?? longPath;
      continue;
    }
    const prefix = field(header, 345, 155);
    const path = longPath ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longPath = undefined;
    if (type === '0') files.set(path.replace(/^package\//, ''), Buffer.from(body));
  }
  return files;
}

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf-8');
}
