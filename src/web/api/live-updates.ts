import { useEffect, useRef, useState } from 'react';

/** Whether the stream is open: 'live' after the server said ready, 'offline' after a drop. */
export type LiveStatus = 'connecting' | 'live' | 'offline';

/**
 * Follows the office's Server-Sent Events (`GET /api/offices/:id/events`) and calls
 * `onChange` when one of `topics` changes (a topic is the path segment after the office:
 * 'desk-items', 'duty-log', 'phone-calls' …; the ticker's clocks publish 'item' and
 * 'absence'). The browser reconnects by itself after a drop; `onChange` also runs on every
 * (re)connection, so nothing missed while offline stays stale. Returns the stream's status, for
 * a page that shows whether it is live.
 */
export function useOfficeEvents(
  officeId: string | null,
  topics: readonly string[] | 'all',
  onChange: () => void,
): LiveStatus {
  const latest = useRef(onChange);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);
  const wanted = topics === 'all' ? 'all' : [...topics].sort().join(',');
  useEffect(() => {
    if (officeId === null || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/offices/${encodeURIComponent(officeId)}/events`);
    let opened = false;
    source.addEventListener('ready', () => {
      setStatus('live');
      // the first connection needs no refetch: the page loaded just now
      if (opened) latest.current();
      opened = true;
    });
    source.addEventListener('error', () => {
      setStatus('offline');
    });
    source.addEventListener('change', (event) => {
      const topic = topicOf((event as MessageEvent<string>).data);
      if (wanted === 'all' || (topic !== null && wanted.split(',').includes(topic)))
        latest.current();
    });
    return () => {
      source.close();
    };
  }, [officeId, wanted]);
  return status;
}

function topicOf(data: string): string | null {
  try {
    const parsed = JSON.parse(data) as { topic?: unknown };
    return typeof parsed.topic === 'string' ? parsed.topic : null;
  } catch {
    return null;
  }
}
