import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * "Something changed at this office": the desk board, the bell and the lists refetch what
 * the topic names. Events carry no data, so nothing private crosses the wire or the bus.
 */
export type HubEvent = { officeId: string; topic: string };

export type EventHub = {
  publish: (event: HubEvent) => void;
  /** listens to one office's events; returns the unsubscribe */
  subscribe: (officeId: string, listener: (event: HubEvent) => void) => () => void;
  close: () => Promise<void>;
};

const channel = 'dutydesk_events';

/**
 * The event bus (DESIGN.md "Scale path"): in-process for one instance; with PostgreSQL it
 * also rides LISTEN/NOTIFY, so an escalation handled by one app instance reaches the desk
 * boards connected to another. An instance ignores its own echoes (it delivered them already).
 */
export async function createEventHub(
  options: { postgresUrl?: string; onError?: (error: unknown) => void } = {},
): Promise<EventHub> {
  const listeners = new Map<string, Set<(event: HubEvent) => void>>();
  const origin = randomUUID();
  const deliver = (event: HubEvent): void => {
    for (const listener of listeners.get(event.officeId) ?? []) {
      try {
        listener(event);
      } catch (error) {
        options.onError?.(error);
      }
    }
  };
  const bridge =
    options.postgresUrl === undefined
      ? null
      : await connectBridge(options.postgresUrl, origin, deliver, options.onError);
  return {
    publish: (event) => {
      deliver(event);
      bridge?.send(event);
    },
    subscribe: (officeId, listener) => {
      const set = listeners.get(officeId) ?? new Set();
      set.add(listener);
      listeners.set(officeId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(officeId);
      };
    },
    close: async () => {
      listeners.clear();
      await bridge?.close();
    },
  };
}

type Bridge = { send: (event: HubEvent) => void; close: () => Promise<void> };

/** One LISTEN connection per instance; it reconnects after a drop, a second later. */
async function connectBridge(
  url: string,
  origin: string,
  deliver: (event: HubEvent) => void,
  onError: ((error: unknown) => void) | undefined,
): Promise<Bridge> {
  let closed = false;
  let client: pg.Client | null = null;
  let sending: Promise<void> = Promise.resolve();

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel !== channel || message.payload === undefined) return;
      try {
        const parsed = JSON.parse(message.payload) as HubEvent & { origin: string };
        if (parsed.origin !== origin) deliver({ officeId: parsed.officeId, topic: parsed.topic });
      } catch (error) {
        onError?.(error);
      }
    });
    next.on('error', (error) => {
      onError?.(error);
      if (client === next) client = null;
      next.end().catch(() => undefined);
      if (!closed) setTimeout(() => void connect().catch(onError), 1_000).unref();
    });
    await next.connect();
    await next.query(`listen ${channel}`);
    client = next;
  };
  await connect();

  return {
    send: (event) => {
      const payload = JSON.stringify({ officeId: event.officeId, topic: event.topic, origin });
      // one query at a time on the listening connection (pg refuses to pipeline them)
      sending = sending
        .then(() => client?.query('select pg_notify($1, $2)', [channel, payload]))
        .then(
          () => undefined,
          (error: unknown) => {
            onError?.(error);
          },
        );
    },
    close: async () => {
      closed = true;
      await sending;
      const last = client;
      client = null;
      await last?.end();
    },
  };
}
