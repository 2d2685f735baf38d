import { createContext, use, useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { OfficeRole } from '../../../shared/roles.ts';
import type { Office } from '../../api/api-types.ts';
import { listOffices } from '../../api/offices.api.ts';
import { useMe } from '../auth/session-context.tsx';

type LoadState =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; offices: Office[] };

export type OfficeSelection = {
  load: LoadState;
  offices: Office[];
  /** the office the pages show; undefined while loading or when the user has none */
  office: Office | undefined;
  /** the user's role there; undefined for an admin without a role in it */
  role: OfficeRole | undefined;
  selectOffice: (officeId: string) => void;
  retry: () => void;
};

/** The office chosen last, so a supervisor of several buildings comes back to the same one. */
const storageKey = 'dutydesk.officeId';

function readStoredOffice(): string | null {
  try {
    return window.localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

const OfficeContext = createContext<OfficeSelection | null>(null);

export function OfficeProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(readStoredOffice);

  useEffect(() => {
    let cancelled = false;
    listOffices().then(
      ({ offices }) => {
        if (!cancelled) setLoad({ status: 'ready', offices });
      },
      (error: unknown) => {
        if (!cancelled) setLoad({ status: 'failed', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const selectOffice = useCallback((officeId: string) => {
    setSelectedId(officeId);
    try {
      window.localStorage.setItem(storageKey, officeId);
    } catch {
      // kept for this visit only
    }
  }, []);

  const retry = useCallback(() => {
    setLoad({ status: 'loading' });
    setAttempt((count) => count + 1);
  }, []);

  const selection = useMemo<OfficeSelection>(() => {
    const offices = load.status === 'ready' ? load.offices : [];
    const roleOf = new Map(me.offices.map((membership) => [membership.officeId, membership.role]));
    // the stored choice if still allowed, else the first office where the user has a role
    const office =
      offices.find((candidate) => candidate.id === selectedId) ??
      offices.find((candidate) => roleOf.has(candidate.id)) ??
      offices[0];
    return {
      load,
      offices,
      office,
      role: office === undefined ? undefined : roleOf.get(office.id),
      selectOffice,
      retry,
    };
  }, [load, me.offices, selectedId, selectOffice, retry]);

  return <OfficeContext value={selection}>{children}</OfficeContext>;
}

export function useOffices(): OfficeSelection {
  const selection = use(OfficeContext);
  if (selection === null) throw new Error('useOffices outside OfficeProvider');
  return selection;
}
