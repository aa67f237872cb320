export { CacheServer, type CacheServerOptions } from './server';
export { parseRequestUrl, hashPattern, type Route } from './routes';
