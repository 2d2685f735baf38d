import { createContext, use, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/roles.ts';
import { isApiError, setCsrfToken, setSignedOutListener } from '../../api/api-client.ts';
import type { LoginBody, Me } from '../../api/api-types.ts';
import * as authApi from '../../api/auth.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { applyLocale, defaultLocale, isLocale } from '../../i18n/i18n-setup.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; me: Me }
  /** the server could not be asked who is signed in (offline, down) */
  | { status: 'unreachable'; error: unknown };

export type Session = {
  state: SessionState;
  signIn: (body: LoginBody) => Promise<void>;
  signOut: () => Promise<void>;
  /** asks the server again (after a password change, or to retry when unreachable) */
  reload: () => Promise<void>;
  locale: Locale;
  /** switches the language now, and keeps it on the profile when signed in */
  changeLocale: (locale: Locale) => Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  // read by the API's signed-out listener, which lives outside React's render
  const signedInRef = useRef(false);

  const adopt = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    signedInRef.current = true;
    setState({ status: 'signed-in', me });
    // the profile's language wins once signed in; the sign-in page follows it next time
    void applyLocale(me.user.locale);
  }, []);

  const forget = useCallback(() => {
    setCsrfToken(null);
    signedInRef.current = false;
    setState({ status: 'signed-out' });
  }, []);

  const reload = useCallback(async () => {
    try {
      adopt(await authApi.fetchMe());
    } catch (error) {
      if (isApiError(error) && error.status === 401) forget();
      else setState({ status: 'unreachable', error });
    }
  }, [adopt, forget]);

  useEffect(() => {
    // a session that ends anywhere (expired, revoked by an admin) leads back to sign-in
    setSignedOutListener(() => {
      if (!signedInRef.current) return;
      forget();
      void message.warning(t('userMenu.sessionEnded'));
    });
    return () => {
      setSignedOutListener(null);
    };
  }, [forget, message, t]);

  useEffect(() => {
    let cancelled = false;
    authApi.fetchMe().then(
      (me) => {
        if (!cancelled) adopt(me);
      },
      (error: unknown) => {
        if (cancelled) return;
        if (isApiError(error) && error.status === 401) forget();
        else setState({ status: 'unreachable', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [adopt, forget]);

  const signIn = useCallback(
    async (body: LoginBody) => {
      adopt(await authApi.login(body));
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } catch (error) {
      // an already ended session is as good as signed out
      if (!isApiError(error) || error.status !== 401) throw error;
    }
    forget();
    void message.success(t('userMenu.loggedOut'));
  }, [forget, message, t]);

  const signedIn = state.status === 'signed-in';
  const changeLocale = useCallback(
    async (locale: Locale) => {
      await applyLocale(locale);
      if (!signedIn) return;
      try {
        adopt(await authApi.updateProfile({ locale }));
      } catch (error) {
        void message.error(t('language.saveFailed', { reason: errorText(error) }));
      }
    },
    [adopt, errorText, message, signedIn, t],
  );

  const locale = isLocale(i18n.language) ? i18n.language : defaultLocale;
  const session = useMemo<Session>(
    () => ({ state, signIn, signOut, reload, locale, changeLocale }),
    [state, signIn, signOut, reload, locale, changeLocale],
  );
  return <SessionContext value={session}>{children}</SessionContext>;
}

export function useSession(): Session {
  const session = use(SessionContext);
  if (session === null) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for pages that render after sign-in. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe before sign-in');
  return state.me;
}
