import type { QueueEntry, QueueStore, Resolution } from './offline-queue.ts';

/**
 * The patrol outbox in IndexedDB: entries (photos as Blobs) and what synced starts and photos
 * became, so a reload or a closed tab on the round loses nothing.
 */
const entriesStore = 'entries';
const resolutionsStore = 'resolutions';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('IndexedDB request failed'));
    };
  });
}

function openDatabase(databaseName: string): Promise<IDBDatabase> {
  const request = indexedDB.open(databaseName, 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains(entriesStore))
      db.createObjectStore(entriesStore, { keyPath: 'clientId' });
    if (!db.objectStoreNames.contains(resolutionsStore))
      db.createObjectStore(resolutionsStore, { keyPath: 'clientId' });
  };
  return promised(request);
}

/** One write, resolved when its transaction has committed (durable before the UI moves on). */
async function write(
  db: IDBDatabase,
  storeName: string,
  act: (store: IDBObjectStore) => void,
): Promise<void> {
  const transaction = db.transaction(storeName, 'readwrite');
  act(transaction.objectStore(storeName));
  await new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => {
      resolve();
    };
    transaction.onerror = () => {
      reject(transaction.error ?? new Error('IndexedDB write failed'));
    };
    transaction.onabort = () => {
      reject(transaction.error ?? new Error('IndexedDB write aborted'));
    };
  });
}

/** One database per person: what they queued is sent only under their own session. */
export function indexedDbQueueStore(userId: string): QueueStore {
  let opened: Promise<IDBDatabase> | null = null;
  const database = () => (opened ??= openDatabase(`dutydesk-patrol-${userId}`));
  const readAll = async <T>(storeName: string): Promise<T[]> => {
    const db = await database();
    return promised(db.transaction(storeName).objectStore(storeName).getAll() as IDBRequest<T[]>);
  };
  return {
    loadEntries: () => readAll<QueueEntry>(entriesStore),
    putEntry: async (entry) => {
      await write(await database(), entriesStore, (store) => store.put(entry));
    },
    deleteEntry: async (clientId) => {
      await write(await database(), entriesStore, (store) => store.delete(clientId));
    },
    loadResolutions: () => readAll<Resolution>(resolutionsStore),
    putResolution: async (resolution) => {
      await write(await database(), resolutionsStore, (store) => store.put(resolution));
    },
  };
}
