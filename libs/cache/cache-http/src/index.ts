export { CacheServer, type CacheServerOptions, type CacheServerTuning } from './server';
export { parseRequestUrl, hashPattern, type Route } from './routes';
