import { PavedError } from '@paved/errors';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { type OsvRecord } from './osv';

/** One OSV JSON file of a snapshot: where it came from (for errors) and its text. */
export interface RecordFile {
  /** "dir/GHSA-x.json" or "all.zip!GHSA-x.json". */
  file: string;
  text: string;
}

/**
 * The OSV JSON files of a folder or a zip (osv.dev's `<ecosystem>/all.zip`:
 * one record per entry at its root), one at a time. A zip is read entry by
 * entry from its central directory, never loaded whole: all.zip for npm holds
 * hundreds of thousands of entries.
 */
export async function* readRecordFiles(source: string): AsyncGenerator<RecordFile> {
  if (!existsSync(source)) {
    throw new PavedError({ code: 'PAVED-500', file: source, message: 'no such file or folder' });
  }
  if (statSync(source).isDirectory()) {
    for (const name of readdirSync(source)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      yield { file: join(source, name), text: readFileSync(join(source, name), 'utf-8') };
    }
    return;
  }
  yield* readZipEntries(source);
}

async function* readZipEntries(zipPath: string): AsyncGenerator<RecordFile> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true }, (error, opened) =>
      error || !opened ? reject(unreadableZip(zipPath, error)) : resolve(opened),
    ),
  );
  try {
    while (true) {
      const entry = await nextEntry(zip, zipPath);
      if (!entry) return;
      if (entry.fileName.endsWith('/') || !entry.fileName.endsWith('.json')) continue;
      yield { file: `${zipPath}!${entry.fileName}`, text: await entryText(zip, entry, zipPath) };
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: yauzl.ZipFile, zipPath: string): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(undefined));
    const onError = (error: Error) => (cleanup(), reject(unreadableZip(zipPath, error)));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/**
 * The entry's bytes, inflated in one synchronous call: OSV records are a few
 * KiB, and a zlib stream per entry costs more than the inflating itself.
 */
function entryText(zip: yauzl.ZipFile, entry: yauzl.Entry, zipPath: string): Promise<string> {
  const options = { decompress: entry.isCompressed() ? false : null, decrypt: null, start: null, end: null };
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, options, (error, stream) => {
      if (error || !stream) return reject(unreadableZip(zipPath, error, entry.fileName));
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (streamError) => reject(unreadableZip(zipPath, streamError, entry.fileName)));
      stream.on('end', () => {
        try {
          const raw = Buffer.concat(chunks);
          const bytes = entry.isCompressed() ? inflateRawSync(raw) : raw;
          if (bytes.length !== entry.uncompressedSize) throw new Error('size does not match the zip directory');
          resolve(bytes.toString('utf-8'));
        } catch (inflateError) {
          reject(unreadableZip(zipPath, inflateError as Error, entry.fileName));
        }
      });
    }),
  );
}

function unreadableZip(zipPath: string, error: Error | null | undefined, entry?: string): PavedError {
  return new PavedError({
    code: 'PAVED-500',
    file: entry ? `${zipPath}!${entry}` : zipPath,
    message: `cannot read the zip: ${error?.message ?? 'unknown error'}`,
    expected: "a zip of OSV JSON files, such as osv.dev's npm/all.zip",
  });
}

/**
 * Parses and validates one OSV record: the fields matching relies on must have
 * the right shape, or the file is named with what is wrong.
 */
export function parseRecord({ file, text }: RecordFile): OsvRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw invalidRecord(file, `not JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalidRecord(file, 'not a JSON object');
  const record = raw as Record<string, unknown>;
  if (typeof record.id !== 'string' || record.id === '') throw invalidRecord(file, '"id" is missing');
  if (typeof record.modified !== 'string' || Number.isNaN(Date.parse(record.modified))) {
    throw invalidRecord(file, `${record.id}: "modified" is missing or not a date`);
  }
  if (record.affected !== undefined && !Array.isArray(record.affected)) {
    throw invalidRecord(file, `${record.id}: "affected" is not a list`);
  }
  ((record.affected ?? []) as unknown[]).forEach((affected, index) => {
    const entry = affected as { package?: { ecosystem?: unknown; name?: unknown }; ranges?: unknown };
    if (typeof entry?.package?.ecosystem !== 'string' || typeof entry.package.name !== 'string') {
      throw invalidRecord(file, `${record.id}: affected[${index}].package needs an ecosystem and a name`);
    }
    if (entry.ranges !== undefined && !Array.isArray(entry.ranges)) {
      throw invalidRecord(file, `${record.id}: affected[${index}].ranges is not a list`);
    }
    ((entry.ranges ?? []) as { events?: unknown }[]).forEach((range, rangeIndex) => {
      if (!Array.isArray(range?.events)) {
        throw invalidRecord(file, `${record.id}: affected[${index}].ranges[${rangeIndex}].events is not a list`);
      }
    });
  });
  return record as unknown as OsvRecord;
}

function invalidRecord(file: string, message: string): PavedError {
  return new PavedError({
    code: 'PAVED-501',
    file,
    message,
    expected: 'an OSV record (https://ossf.github.io/osv-schema/)',
  });
}

/** The record reduced to its npm entries and the fields matching and reports read. */
export function npmPart(record: OsvRecord): OsvRecord | undefined {
  const affected = (record.affected ?? []).filter((a) => a.package.ecosystem === 'npm');
  if (affected.length === 0) return undefined;
  const { id, summary, aliases, withdrawn, modified, published, severity, database_specific } = record;
  return {
    id,
    summary,
    aliases,
    withdrawn,
    modified,
    published,
    affected: affected.map(({ package: pkg, ranges, versions }) => ({ package: pkg, ranges, versions })),
    severity,
    database_specific: database_specific?.severity ? { severity: database_specific.severity } : undefined,
  };
}
