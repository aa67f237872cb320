import { PavedError } from '@paved/errors';
import { readRegularTextOr } from '@paved/repo-files';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import semver from 'semver';
import yauzl from 'yauzl';
import { type OsvRecord } from './osv';

/** One OSV JSON file of a snapshot: where it came from (for errors) and its text. */
export interface RecordFile {
  /** "dir/GHSA-x.json" or "all.zip!GHSA-x.json". */
  file: string;
  text: string;
}

/** An OSV record is a few KiB (the largest npm ones, tens); a larger entry is not one, and is never inflated. */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;

/**
 * The OSV JSON files of a folder or a zip (osv.dev's `<ecosystem>/all.zip`:
 * one record per entry at its root), one at a time. A zip is read entry by
 * entry from its central directory, never loaded whole: all.zip for npm holds
 * hundreds of thousands of entries.
 */
export async function* readRecordFiles(source: string): AsyncGenerator<RecordFile> {
  requireRecordSource(source);
  if (statSync(source).isDirectory()) {
    for (const name of readdirSync(source)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const path = join(source, name);
      const text = readRegularTextOr(path, MAX_RECORD_BYTES, (unread) => {
        throw new PavedError({
          code: 'PAVED-500',
          file: path,
          message: unread.kind === 'missing' ? 'vanished while the folder was read' : unread.reason,
          expected: `OSV JSON files of at most ${MAX_RECORD_BYTES} bytes`,
        });
      });
      yield { file: path, text };
    }
    return;
  }
  yield* readZipEntries(source);
}

/** A folder or zip of OSV records must be there before anything is read from it or written for it. */
export function requireRecordSource(source: string): void {
  if (!existsSync(source))
    throw noAdvisories(source, 'no such file or folder', 'pass a folder or zip of OSV JSON files');
}

/** PAVED-500: no advisories where `path` says; `hint` names what to pass instead. */
export function noAdvisories(path: string, message: string, hint: string): PavedError {
  return new PavedError({ code: 'PAVED-500', file: path, message, hint });
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
  // The directory's sizes are the entry's claim; the inflate below is bounded too, so a lying
  // entry is caught while it inflates, not after.
  if (entry.uncompressedSize > MAX_RECORD_BYTES || entry.compressedSize > MAX_RECORD_BYTES) {
    return Promise.reject(
      unreadableZip(
        zipPath,
        new Error(
          `the entry declares ${entry.uncompressedSize} bytes, more than the ${MAX_RECORD_BYTES} of any OSV record`,
        ),
        entry.fileName,
      ),
    );
  }
  const options = { decompress: entry.isCompressed() ? false : null, decrypt: null, start: null, end: null };
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, options, (error, stream) => {
      if (error || !stream) return reject(unreadableZip(zipPath, error, entry.fileName));
      const chunks: Buffer[] = [];
      let received = 0;
      stream.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_RECORD_BYTES) {
          stream.destroy();
          reject(
            unreadableZip(zipPath, new Error('the entry holds more bytes than its directory says'), entry.fileName),
          );
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (streamError) => reject(unreadableZip(zipPath, streamError, entry.fileName)));
      stream.on('end', () => {
        try {
          const raw = Buffer.concat(chunks);
          const bytes = entry.isCompressed() ? inflateRawSync(raw, { maxOutputLength: MAX_RECORD_BYTES }) : raw;
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
    const at = `${record.id}: affected[${index}]`;
    const npm = entry.package.ecosystem === 'npm';
    ((entry.ranges ?? []) as { type?: unknown; events?: unknown }[]).forEach((range, rangeIndex) => {
      if (!Array.isArray(range?.events)) {
        throw invalidRecord(file, `${at}.ranges[${rangeIndex}].events is not a list`);
      }
      // Matching compares npm versions with semver: a value it cannot compare would crash every scan.
      const versioned = npm && range.type !== 'GIT';
      (range.events as unknown[]).forEach((event, eventIndex) =>
        checkEvent(file, `${at}.ranges[${rangeIndex}].events[${eventIndex}]`, event, versioned),
      );
    });
    const versions = (entry as { versions?: unknown }).versions;
    if (versions !== undefined && !(Array.isArray(versions) && versions.every((v) => typeof v === 'string'))) {
      throw invalidRecord(file, `${at}.versions is not a list of versions`);
    }
  });
  checkOptionalFields(file, record);
  return record as unknown as OsvRecord;
}

const EVENT_KINDS = ['introduced', 'fixed', 'last_affected', 'limit'];

function checkEvent(file: string, at: string, event: unknown, versioned: boolean): void {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw invalidRecord(file, `${at} is ${event === null ? 'null' : typeof event}, not an event`);
  }
  const kinds = Object.keys(event).filter((key) => EVENT_KINDS.includes(key));
  if (kinds.length !== 1) throw invalidRecord(file, `${at} needs exactly one of ${EVENT_KINDS.join(', ')}`);
  const value = (event as Record<string, unknown>)[kinds[0]];
  if (typeof value !== 'string')
    throw invalidRecord(file, `${at}.${kinds[0]} is ${typeof value}, not a version string`);
  if (versioned && value !== '0' && semver.valid(value) === null) {
    throw invalidRecord(file, `${at}.${kinds[0]} "${value}" is not an npm (semver) version`);
  }
}

/** Fields reports print: absent, or of the type the OSV schema gives them. */
function checkOptionalFields(file: string, record: Record<string, unknown>): void {
  const id = record.id as string;
  for (const key of ['summary', 'withdrawn', 'published'] as const) {
    if (record[key] !== undefined && typeof record[key] !== 'string')
      throw invalidRecord(file, `${id}: "${key}" is not a string`);
  }
  const aliases = record.aliases;
  if (aliases !== undefined && !(Array.isArray(aliases) && aliases.every((a) => typeof a === 'string'))) {
    throw invalidRecord(file, `${id}: "aliases" is not a list of strings`);
  }
  const severity = record.severity;
  if (
    severity !== undefined &&
    !(
      Array.isArray(severity) &&
      severity.every(
        (s) => typeof s === 'object' && s !== null && typeof s.type === 'string' && typeof s.score === 'string',
      )
    )
  ) {
    throw invalidRecord(file, `${id}: "severity" is not a list of { type, score } strings`);
  }
  const level = (record.database_specific as { severity?: unknown } | undefined)?.severity;
  if (level !== undefined && level !== null && typeof level !== 'string') {
    throw invalidRecord(file, `${id}: "database_specific.severity" is ${typeof level}, not a string`);
  }
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
