export { cacheHttp } from './cache-http';
