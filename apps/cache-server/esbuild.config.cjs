// The main bundle loads the S3 SDK from its sibling file s3-sdk.cjs (built from src/s3-sdk.ts),
// and only when S3 storage is configured: parsing the SDK costs ~13 MB of resident memory.
const SDK = /^@aws-sdk\/client-s3$/;
const SDK_ENTRY = /[\\/]apps[\\/]cache-server[\\/]src[\\/]s3-sdk\.ts$/;

module.exports = {
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
