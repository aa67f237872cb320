/** Replace with the library's first real function. */
export function cacheHttp(): string {
  return 'cache-http';
}
