/** What bench/cache-server measures: the scenarios, their ids and how they are written. */

export const KiB = 1024;
export const MiB = 1024 * KiB;
/** Memory figures are in decimal megabytes: 100 MB = 100,000,000 bytes (stricter than MiB). */
export const MB = 1_000_000;

/** get: every request GETs one pre-uploaded artifact; put: every request PUTs a new hash; mixed: see MIXED_PUT_EVERY. */
export type ScenarioKind = 'get' | 'put' | 'mixed';
/** disk: the storage folders under the OS temp folder; tmpfs: under /dev/shm (server overhead without the disk). */
export type StorageKind = 'disk' | 'tmpfs';

/** In the mixed scenario one request in this many is a PUT of a new hash, the others GET (80% / 20%). */
export const MIXED_PUT_EVERY = 5;

export interface Scenario {
  id: string;
  kind: ScenarioKind;
  artifactBytes: number;
  connections: number;
  storage: StorageKind;
}

function sizeId(bytes: number): string {
  return bytes >= MiB ? `${bytes / MiB}m` : `${bytes / KiB}k`;
}

export function formatSize(bytes: number): string {
  return bytes >= MiB ? `${bytes / MiB} MiB` : `${bytes / KiB} KiB`;
}

function scenario(kind: ScenarioKind, artifactBytes: number, connections: number, storage: StorageKind = 'disk') {
  const id = `${kind}-${sizeId(artifactBytes)}-${connections}${storage === 'tmpfs' ? '-tmpfs' : ''}`;
  return { id, kind, artifactBytes, connections, storage };
}

export const scenarios: Scenario[] = [
  ...[1 * KiB, 100 * KiB, 10 * MiB].flatMap((bytes) =>
    [1, 16, 64].map((connections) => scenario('get', bytes, connections)),
  ),
  scenario('put', 100 * KiB, 1),
  scenario('put', 100 * KiB, 16),
  scenario('put', 10 * MiB, 16),
  scenario('mixed', 100 * KiB, 16),
  scenario('put', 100 * KiB, 1, 'tmpfs'),
  scenario('put', 100 * KiB, 16, 'tmpfs'),
];

/** "GET 100 KiB x16", "80/20 GET/PUT 100 KiB x16", "PUT 100 KiB x1 tmpfs". */
export function describeScenario(scenario: Scenario): string {
  const what = { get: 'GET', put: 'PUT', mixed: 'mixed' }[scenario.kind];
  const where = scenario.storage === 'tmpfs' ? ' tmpfs' : '';
  return `${what} ${formatSize(scenario.artifactBytes)} x${scenario.connections}${where}`;
}

/** Whether the scenario's requests upload (so its runs leave artifacts to remove afterwards). */
export function uploads(scenario: Scenario): boolean {
  return scenario.kind !== 'get';
}

/** Whether the scenario GETs a pre-uploaded artifact of its size. */
export function downloads(scenario: Scenario): boolean {
  return scenario.kind !== 'put';
}
