/**
 * The S3 SDK as its own bundle (dist/apps/cache-server/s3-sdk.cjs): a filesystem
 * deployment never loads it, which keeps several MB of code out of its memory.
 * esbuild.config.cjs points the main bundle's import of the SDK here.
 */
export * from '@aws-sdk/client-s3';
