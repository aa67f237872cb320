// The main bundle loads the S3 SDK from its sibling file s3-sdk.cjs (built from src/s3-sdk.ts),
// and only when S3 storage is configured: parsing the SDK costs ~13 MB of resident memory.
const SDK = /^@aws-sdk\/client-s3$/;
const SDK_ENTRY = /[\\/]apps[\\/]cache-server[\\/]src[\\/]s3-sdk\.ts$/;

/**
 * How paved-cache runs: a 2 MiB young generation (V8's default grows to 16 MiB) keeps its peak
 * memory ~30 MB lower under load; the server's allocations are short-lived and small, so the more
 * frequent young collections cost little. docs/cache-server.md has the measurements. Kept in sync
 * with the serve target and read by bench/cache-server to start the server as shipped.
 */
const SHEBANG = '#!/usr/bin/env -S node --max-semi-space-size=2';

module.exports = {
  banner: { js: SHEBANG },
  plugins: [
    {
      name: 'paved-s3-sdk-in-own-file',
      setup(build) {
        build.onResolve({ filter: SDK }, (args) =>
          SDK_ENTRY.test(args.importer) ? undefined : { path: './s3-sdk.cjs', external: true },
        );
      },
    },
  ],
};
