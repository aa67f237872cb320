export * from './ci-pipelines';
