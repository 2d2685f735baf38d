// The part of autocannon's programmatic API the benches use (the package ships no types).
declare module 'autocannon' {
  /** One histogram summary; latency in milliseconds, requests per one-second sample. */
  export type Summary = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
  };

  export type Result = {
    url: string;
    latency: Summary;
    requests: Summary & { sent: number };
    throughput: Summary;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    resets: number;
    '2xx': number;
    duration: number;
    connections: number;
    statusCodeStats: Record<string, { count: number | string }>;
  };

  export type Options = {
    url: string;
    method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
    connections?: number;
    /** seconds */
    duration?: number;
    /** worker threads that fire the requests (off the main thread) */
    workers?: number;
    headers?: Record<string, string>;
    body?: string;
    /** replaces each `[<id>]` in the body by a fresh id on every request */
    idReplacement?: boolean;
    /** seconds before a request counts as a timeout */
    timeout?: number;
  };

  /** Without a callback it returns a thenable that resolves with the result. */
  export default function autocannon(options: Options): PromiseLike<Result>;
}
