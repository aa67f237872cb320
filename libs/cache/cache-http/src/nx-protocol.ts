import { type ArtifactAccess } from './artifacts';
import { type AuthorisedRequest } from './server-parts';

/** Nx's self-hosted remote cache API: `GET` and `PUT [/ns/<namespace>]/v1/cache/{hash}`. */
export async function serveNxArtifact(artifacts: ArtifactAccess, request: AuthorisedRequest, hash: string) {
  const key = { namespace: request.namespace, protocol: 'nx' as const, hash };
  if (request.exchange.req.method !== 'PUT') await artifacts.download(request, key);
  else if (await artifacts.upload(request, key)) request.exchange.text(200, 'stored');
}
