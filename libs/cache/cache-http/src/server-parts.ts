import { type AccessControl, type AuthenticatedToken, type CacheConfig } from '@paved/cache-config';
import { type CacheStore } from '@paved/cache-storage';
import { type Logger } from 'pino';
import { type HttpExchange } from './exchange';
import { type CacheMetrics } from './metrics';
import { type ArtifactTraffic } from './traffic';

/** What the handlers of one server share. */
export interface ServerParts {
  config: CacheConfig;
  store: CacheStore;
  access: AccessControl;
  logger: Logger;
  metrics: CacheMetrics;
  traffic: ArtifactTraffic;
  /** The bounded label a namespace is counted under (namespaceLabeler). */
  labelOf: (namespace: string) => string;
  /** Told the size of each chunk of a body drained unread, as uploads tell theirs (StorageTuning.reclaimUploadBuffersEveryBytes). */
  reclaimDrainedBuffers?: (chunkBytes: number) => void;
}

/** A request that came with a valid token, for the namespace its URL names. */
export interface AuthorisedRequest {
  exchange: HttpExchange;
  token: AuthenticatedToken;
  namespace: string;
  query: URLSearchParams;
}
