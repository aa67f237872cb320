import { z } from 'zod';

/** A namespace: where artifacts live, selected by the URL prefix `/ns/<namespace>`. */
export const namespacePattern = /^[a-z0-9][a-z0-9._-]{0,62}$/;
/** A namespace pattern: a namespace where `*` matches any run of characters. */
export const namespaceGlobPattern = /^[a-z0-9*][a-z0-9._*-]{0,62}$/;

const namespace = z
  .string()
  .regex(namespacePattern, { error: 'must be a namespace: lowercase letters, digits, ".", "_" or "-"' });
const namespaceGlob = z
  .string()
  .regex(namespaceGlobPattern, { error: 'must be a namespace or a pattern with "*", e.g. "pr-*"' });
const bytes = z.number().int().nonnegative();

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

const tokenSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .describe('Who holds the token; recorded as the provenance of what it writes. Never the token itself.'),
  sha256: z
    .string()
    .regex(/^[a-f0-9]{64}$/, { error: 'must be the hex SHA-256 of the token (paved-cache hash-token <token>)' })
    .describe('SHA-256 of the token, hex. The server never stores or logs the token.'),
  read: z
    .array(namespaceGlob)
    .default([])
    .describe(
      'Namespaces this token may read, in lookup order. A pattern stands for the requested namespace when it matches.',
    ),
  write: namespaceGlob.optional().describe('The one namespace pattern this token may write. None: read-only.'),
  admin: z.boolean().default(false).describe('May list provenance and purge namespaces; implies metrics.'),
  metrics: z
    .boolean()
    .default(false)
    .describe(
      'May read the per-namespace series of /metrics (for a Prometheus scraper). Without such a token /metrics shows totals only.',
    ),
});

const fsStorageSchema = z.strictObject({
  type: z.literal('fs'),
  dir: z.string().min(1).default('.paved-cache').describe('Folder holding artifacts; created when missing.'),
  fsync: z
    .boolean()
    .default(false)
    .describe(
      'Flush each artifact to disk before publishing it. Process crashes never leave partial artifacts either way; this also survives power loss.',
    ),
  verifyEveryRead: z
    .boolean()
    .default(false)
    .describe(
      'Hash every body against its SHA-256 on every read. By default a body is hashed on its first read after start-up and again after its file changed (inode, size or times), which catches every change made through the filesystem; this also catches media faults beneath it, for one SHA-256 pass per read.',
    ),
});

const s3StorageSchema = z.strictObject({
  type: z.literal('s3'),
  bucket: z.string().min(3),
  region: z.string().default('us-east-1'),
  endpoint: z.url().optional().describe('For S3-compatible stores (MinIO, Ceph, R2, ...).'),
  forcePathStyle: z.boolean().default(false),
  prefix: z.string().default('').describe('Key prefix inside the bucket.'),
  accessKeyId: z.string().optional().describe('Defaults to the AWS SDK credential chain.'),
  secretAccessKey: z.string().optional(),
  spoolDir: z
    .string()
    .optional()
    .describe('Where uploads are spooled before they are sent; defaults to the OS temp folder.'),
});

export const cacheConfigSchema = z.strictObject({
  $schema: z
    .string()
    .optional()
    .describe('Path or URL of this JSON Schema (paved-cache.schema.json), for editor completion.'),
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(3000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  defaultNamespace: namespace.default('main').describe('Namespace of requests without a /ns/<namespace> prefix.'),
  protectedNamespaces: z
    .array(namespaceGlob)
    .default(['main'])
    .describe('Trusted namespaces (what main-branch CI writes). A read of one never falls through to another kind.'),
  storage: z
    .discriminatedUnion('type', [fsStorageSchema, s3StorageSchema])
    .default({ type: 'fs', dir: '.paved-cache', fsync: false, verifyEveryRead: false }),
  limits: z
    .strictObject({
      maxArtifactBytes: bytes.default(512 * MiB).describe('Larger uploads get 413.'),
      maxTotalBytes: bytes
        .default(50 * GiB)
        .describe(
          'Least recently used artifacts are evicted beyond this; those of protected namespaces only when they alone exceed it.',
        ),
      untrustedMaxBytes: bytes
        .optional()
        .describe(
          'Bytes the namespaces that are not protected may hold together (at most maxTotalBytes, the default). They evict among themselves, oldest first, and never evict a protected artifact.',
        ),
      memoryTierBytes: bytes.default(64 * MiB).describe('Hot in-memory copies of small artifacts; 0 disables.'),
      memoryTierMaxArtifactBytes: bytes.default(256 * 1024),
    })
    .default({
      maxArtifactBytes: 512 * MiB,
      maxTotalBytes: 50 * GiB,
      memoryTierBytes: 64 * MiB,
      memoryTierMaxArtifactBytes: 256 * 1024,
    }),
  timeouts: z
    .strictObject({
      storageMs: z
        .number()
        .int()
        .positive()
        .default(5_000)
        .describe(
          'Deadline of a storage call that carries no artifact body (a lookup up to its first byte, HEAD, a delete, the readiness probe), on S3 storage; the readiness probe has it on disk storage too. A lookup past it is a miss, an upload 503, /readyz 503.',
        ),
      storageTransferMs: z
        .number()
        .int()
        .positive()
        .default(120_000)
        .describe(
          "Deadline of publishing an upload's body to S3 and of each page of the start-up listing, and the longest a connection to S3 may sit idle. Past it an upload gets 503, and a start-up PAVED-310.",
        ),
      uploadIdleMs: z
        .number()
        .int()
        .positive()
        .default(30_000)
        .describe('An upload that sends no byte for this long gets 408 and its connection is closed.'),
    })
    .default({ storageMs: 5_000, storageTransferMs: 120_000, uploadIdleMs: 30_000 })
    .describe('How long the server waits for its storage and for clients.'),
  ttlSeconds: z
    .record(namespaceGlob, z.number().int().positive())
    .default({ 'pr-*': 7 * 24 * 3600 })
    .describe('Artifacts in matching namespaces are deleted this long after they were written.'),
  tokens: z.array(tokenSchema).min(1, { error: 'declare at least one token' }),
});

export type CacheConfigInput = z.input<typeof cacheConfigSchema>;
export type CacheConfig = z.output<typeof cacheConfigSchema>;
export type TokenConfig = CacheConfig['tokens'][number];
export type StorageConfig = CacheConfig['storage'];

/** `schema`: the cache configuration's, or an app's extension of it (ConfigExtension). */
export function cacheConfigJsonSchema(schema: z.ZodType = cacheConfigSchema): Record<string, unknown> {
  return {
    ...z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }),
    title: 'Paved cache server configuration',
  };
}
