import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerAuth } from './plugins/auth.ts';
import { registerDocs } from './plugins/docs.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { registerErrorHandling, replyToFrameworkError } from './plugins/errors.ts';
import { registerWeb } from './plugins/web.ts';
import { registerAuditRoutes } from './routes/audit.routes.ts';
import { registerAuthRoutes } from './routes/auth.routes.ts';
import { registerHealthRoutes } from './routes/health.routes.ts';
import { registerOfficeRoutes } from './routes/offices.routes.ts';
import { registerRosterSettingsRoutes } from './routes/roster-settings.routes.ts';
import { registerRosterExportRoutes } from './routes/roster-exports.routes.ts';
import { registerRosterRoutes } from './routes/rosters.routes.ts';
import { registerLeaveRoutes } from './routes/leave.routes.ts';
import { registerDeskRoutes } from './routes/desk.routes.ts';
import { registerDeskBoardRoutes } from './routes/desk-board.routes.ts';
import { registerEventRoutes } from './routes/events.routes.ts';
import { createEventHub } from '../jobs/event-hub.ts';
import { registerPhoneRoutes } from './routes/phone.routes.ts';
import { registerDutyRoutes } from './routes/duty.routes.ts';
import { registerHandoverRoutes } from './routes/handover.routes.ts';
import { registerPatrolRoutes } from './routes/patrol.routes.ts';
import { registerUserRoutes } from './routes/users.routes.ts';
import type { AppDeps } from './types.ts';
import type { EventHub } from '../jobs/event-hub.ts';

export type RegisteredRoute = {
  method: string;
  url: string;
  operationId: string | undefined;
  hidden: boolean;
  public: boolean;
};

// declaration merging needs an interface
/* eslint-disable @typescript-eslint/consistent-type-definitions */
declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: readonly RegisteredRoute[];
    /** the live-update bus (SSE); the ticker publishes on it too */
    events: EventHub;
  }
}
/* eslint-enable @typescript-eslint/consistent-type-definitions */

/** Builds the HTTP app around injected services; tests call it with app.inject(). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      deps.http.logLevel === 'silent'
        ? false
        : {
            level: deps.http.logLevel,
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
          },
    bodyLimit: deps.http.bodyLimit,
    // a proxy in front sets X-Forwarded-For; the login throttle must see the real client
    trustProxy: deps.http.trustProxy,
    frameworkErrors: replyToFrameworkError,
  });
  // every route, as registered: tests check each one for auth and an OpenAPI operationId
  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const schema = route.schema;
    for (const method of methods) {
      routes.push({
        method,
        url: route.url,
        operationId: schema?.operationId,
        hidden: schema?.hide === true,
        public: route.config?.public === true,
      });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  // JSON only: a cross-site form can send text/plain without a preflight, never JSON
  app.removeContentTypeParser('text/plain');

  registerSecurityHeaders(app, deps.http.secureCookies);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false, hook: 'preHandler' });
  await registerDocs(app);
  registerAuth(app, deps.services);

  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerOfficeRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerRosterSettingsRoutes(app, deps);
  registerRosterRoutes(app, deps);
  registerRosterExportRoutes(app, deps);
  registerLeaveRoutes(app, deps);
  registerDeskRoutes(app, deps);
  registerDeskBoardRoutes(app, deps);
  registerHandoverRoutes(app, deps);
  registerPatrolRoutes(app, deps);
  const hub = deps.events ?? (await createEventHub());
  if (deps.events === undefined) app.addHook('onClose', () => hub.close());
  app.decorate('events', hub);
  registerEventRoutes(app, deps, hub);
  // after the event routes: the plugin scopes inherit the live-update hook
  await registerPhoneRoutes(app, deps);
  await registerDutyRoutes(app, deps);

  if (deps.http.webRoot !== null) await registerWeb(app, deps.http.webRoot);
  return app;
}
