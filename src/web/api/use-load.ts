import { useCallback, useEffect, useState } from 'react';

export type Load<T> =
  { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; value: T };

/**
 * Loads once per `key` change; `reload` asks again (after a decision, or a conflict with
 * another decider). A load that answers after the key changed is dropped.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  key: string,
): { state: Load<T>; reload: () => void } {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    load().then(
      (value) => {
        if (!cancelled) setState({ status: 'ready', value });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'failed', error });
      },
    );
    return () => {
      cancelled = true;
    };
    // `load` is rebuilt every render; `key` says when what it loads changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);
  const reload = useCallback(() => {
    setAttempt((count) => count + 1);
  }, []);
  return { state, reload };
}
