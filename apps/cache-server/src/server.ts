import { createServer, type Server } from 'node:http';

export const serviceName = 'cache-server';

/** The service's HTTP handler. /healthz answers liveness probes. */
export function createService(): Server {
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'ok', service: serviceName }));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'not found', path: url.pathname }));
  });
}
