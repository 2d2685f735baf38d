import { useEffect, useSyncExternalStore } from 'react';
import { uploadFile } from '../../../api/duty.api.ts';
import {
  finishRound,
  raiseNonconformance,
  recordVisit,
  startRound,
} from '../../../api/patrol-rounds.api.ts';
import { useMe } from '../../auth/session-context.tsx';
import { indexedDbQueueStore } from './indexeddb-queue-store.ts';
import {
  createOfflineQueue,
  memoryQueueStore,
  type OfflineQueue,
  type PhotoRef,
  type QueueSnapshot,
} from './offline-queue.ts';

/** How often the phone tries again by itself, besides the browser's `online` event. */
const retryEveryMs = 5_000;

const queues = new Map<string, OfflineQueue>();

/**
 * The outbox of the person signed in on this browser (every office's patrol actions), sending
 * through the API client; it reads what an earlier page left, sends when the browser says it
 * is online, and tries again on a timer (a phone may say online without a way through). Each
 * person has their own: what one queued waits for them to sign in again, never goes under
 * another's session.
 */
export function patrolQueue(userId: string): OfflineQueue {
  const existing = queues.get(userId);
  if (existing !== undefined) return existing;
  const created = createOfflineQueue({
    store: typeof indexedDB === 'undefined' ? memoryQueueStore() : indexedDbQueueStore(userId),
    transport: {
      startRound,
      // a File's name cannot be set, and a Blob read back from IndexedDB has none: wrap it
      uploadPhoto: (officeId, blob, fileName) =>
        uploadFile(officeId, new File([blob], fileName, { type: blob.type }), () => undefined),
      recordVisit,
      raiseNonconformance,
      finishRound,
    },
  });
  queues.set(userId, created);
  const flush = () => {
    void created.flush();
  };
  void created.load().then(flush, (error: unknown) => {
    console.error('the patrol outbox could not be read', error);
  });
  window.addEventListener('online', () => {
    void created.wake().then(flush);
  });
  window.setInterval(() => {
    const due = created.nextDueAt();
    if (due !== null && due <= Date.now() && !created.snapshot().syncing) flush();
  }, retryEveryMs);
  return created;
}

/** Queues the photos of a visit or a finding, each its own upload, ahead of what uses them. */
export async function enqueuePhotos(
  queue: OfflineQueue,
  officeId: string,
  photos: readonly File[],
): Promise<PhotoRef[]> {
  const refs: PhotoRef[] = [];
  for (const photo of photos) {
    const entry = await queue.enqueue({
      kind: 'photo',
      officeId,
      blob: photo,
      fileName: photo.name,
    });
    refs.push({ photoClientId: entry.clientId, fileName: photo.name });
  }
  return refs;
}

/** The outbox as React state: re-renders on every change of its entries or sync state. */
export function usePatrolQueue(): { queue: OfflineQueue; snapshot: QueueSnapshot } {
  const current = patrolQueue(useMe().user.id);
  const snapshot = useSyncExternalStore(current.subscribe, current.snapshot);
  useEffect(() => {
    void current.flush();
  }, [current]);
  return { queue: current, snapshot };
}

/** Whether the browser thinks it has a network, following its online/offline events. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      window.addEventListener('online', listener);
      window.addEventListener('offline', listener);
      return () => {
        window.removeEventListener('online', listener);
        window.removeEventListener('offline', listener);
      };
    },
    () => navigator.onLine,
  );
}
