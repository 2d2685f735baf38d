import { useEffect, useRef } from 'react';

/**
 * Follows the office's Server-Sent Events (`GET /api/offices/:id/events`) and calls
 * `onChange` when one of `topics` changes (a topic is the path segment after the office:
 * 'desk-items', 'duty-log', 'phone-calls' …; the ticker's clocks publish 'item' and
 * 'absence'). The browser reconnects by itself after a drop; `onChange` also runs on every
 * (re)connection, so nothing missed while offline stays stale.
 */
export function useOfficeEvents(
  officeId: string | null,
  topics: readonly string[] | 'all',
  onChange: () => void,
): void {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);
  const wanted = topics === 'all' ? 'all' : [...topics].sort().join(',');
  useEffect(() => {
    if (officeId === null || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/offices/${encodeURIComponent(officeId)}/events`);
    let opened = false;
    source.addEventListener('ready', () => {
      // the first connection needs no refetch: the page loaded just now
      if (opened) latest.current();
      opened = true;
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
}

function topicOf(data: string): string | null {
  try {
    const parsed = JSON.parse(data) as { topic?: unknown };
    return typeof parsed.topic === 'string' ? parsed.topic : null;
  } catch {
    return null;
  }
}
