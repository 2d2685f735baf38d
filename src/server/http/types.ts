import type { EventHub } from '../jobs/event-hub.ts';
import type { ServiceDeps } from '../services/context.ts';

/** What the HTTP layer needs besides the services. */
export type HttpOptions = {
  secureCookies: boolean;
  loginAttemptsPerWindow: number;
  loginWindowMinutes: number;
  /** the built web app to serve, or null (API only, as in tests) */
  webRoot: string | null;
  logLevel: string;
  /** largest request body in bytes */
  bodyLimit: number;
  /** behind a reverse proxy: take the client address from X-Forwarded-For */
  trustProxy: boolean;
  /** session cookie lifetime */
  sessionMaxHours: number;
  /** the longest a desk board snapshot is served (default 1 s; 0 builds every read) */
  boardMaxAgeMs?: number;
};

export type AppDeps = {
  services: ServiceDeps;
  http: HttpOptions;
  /** the event bus for live updates; an in-process one is made when absent (tests) */
  events?: EventHub;
};
