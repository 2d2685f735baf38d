import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authErrorResponses } from '../../../shared/contract/common.ts';
import { officeParamsSchema } from '../../../shared/contract/org.ts';
import type { EventHub, HubEvent } from '../../jobs/event-hub.ts';
import { getOffice } from '../../services/offices.service.ts';
import { contextOf } from '../plugins/auth.ts';
import type { AppDeps } from '../types.ts';

/** How often an idle stream says it is alive (proxies drop silent connections). */
const heartbeatMs = 20_000;

/**
 * Live updates (issue 6 "desk board"): on every successful change under
 * /api/offices/:officeId/…, as it is answered, the office's topic (the path segment after the office) is
 * published, and the ticker publishes what it handled. Browsers follow with Server-Sent
 * Events and refetch what the topic names; the events carry no data.
 */
export function registerEventRoutes(app: FastifyInstance, deps: AppDeps, hub: EventHub): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const streams = new Set<() => void>();

  // onSend, not onResponse: the change is committed, and whatever the event drops (the desk
  // board snapshots) is gone before the writer has its answer and can read again
  app.addHook('onSend', (request, reply, payload, done) => {
    const event = changeEventOf(request.method, request.routeOptions.url, request.params);
    if (event !== null && reply.statusCode < 400) hub.publish(event);
    done(null, payload);
  });

  app.addHook('onClose', (_instance, done) => {
    for (const end of streams) end();
    done();
  });

  r.get(
    '/api/offices/:officeId/events',
    {
      schema: {
        operationId: 'followOfficeEvents',
        tags: ['desk'],
        summary:
          'Server-Sent Events: `change` with {officeId, topic} whenever something changes at the office',
        params: officeParamsSchema,
        response: { ...authErrorResponses },
      },
    },
    async (request, reply) => {
      // the office must be readable by the signed-in person before the stream opens
      const office = await getOffice(contextOf(deps.services, request), request.params.officeId);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ officeId: office.id })}\n\n`);
      const send = (event: HubEvent): void => {
        raw.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
      };
      const unsubscribe = hub.subscribe(office.id, send);
      const heartbeat = setInterval(() => raw.write(': alive\n\n'), heartbeatMs);
      heartbeat.unref();
      const end = (): void => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(end);
        if (!raw.writableEnded) raw.end();
      };
      streams.add(end);
      request.raw.on('close', end);
    },
  );
}

/** The office and topic a successful change is about, or null for reads and other URLs. */
export function changeEventOf(
  method: string,
  url: string | undefined,
  params: unknown,
): HubEvent | null {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || url === undefined)
    return null;
  const officeId =
    typeof params === 'object' && params !== null && 'officeId' in params
      ? params.officeId
      : undefined;
  if (typeof officeId !== 'string') return null;
  const match = /^\/api\/(?:offices\/:officeId\/([a-z-]+)|([a-z-]+)\/:officeId)/.exec(url);
  const topic = match?.[1] ?? match?.[2];
  return topic === undefined ? null : { officeId, topic };
}
