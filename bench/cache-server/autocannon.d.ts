/**
 * The slice of autocannon 8's programmatic API the load worker uses. The
 * package ships no types and @types/autocannon is not a workspace dependency
 * (only package.json owners may add one).
 */
declare module 'autocannon' {
  import { type EventEmitter } from 'node:events';

  namespace autocannon {
    interface RequestParams {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: Buffer | string;
    }

    interface Request extends RequestParams {
      /** Called for every request this entry produces; what it returns is sent. */
      setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams | undefined;
    }

    /** One connection. Only the parts the worker touches are declared. */
    interface Client extends EventEmitter {
      pipelinedRequests: { addBody(data: Buffer): void };
    }

    interface Options {
      url: string;
      method?: string;
      headers?: Record<string, string>;
      body?: Buffer;
      connections?: number;
      /** Seconds. */
      duration?: number;
      pipelining?: number;
      /** Seconds before a request counts as a timeout. */
      timeout?: number;
      requests?: Request[];
      setupClient?: (client: Client) => void;
    }

    interface Histogram {
      average: number;
      mean: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p99: number;
    }

    interface Result {
      /** Seconds, rounded to 10 ms. */
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      resets: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
      requests: Histogram & { sent: number };
      throughput: Histogram;
      latency: Histogram;
    }

    interface Tracker extends EventEmitter {
      stop(): void;
    }
  }

  function autocannon(
    options: autocannon.Options,
    done: (error: Error | null, result: autocannon.Result) => void,
  ): autocannon.Tracker;

  export = autocannon;
}
