import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { SignInPage } from './SignInPage.tsx';
import { useTeamState, type TeamStore } from './team-session-store.ts';

/**
 * Team mode: the app once someone is signed in, the sign-in page otherwise. When a session
 * ends, everything the page fetched under it is dropped, so the next person to sign in at this
 * browser never sees the last one's data.
 */
export function TeamGate({ store, children }: { store: TeamStore; children: ReactNode }) {
  const state = useTeamState();
  const queryClient = useQueryClient();
  const signedIn = state?.session?.account.id ?? null;
  useEffect(() => {
    if (signedIn === null) queryClient.clear();
  }, [signedIn, queryClient]);
  if (!state?.session) return state ? <SignInPage store={store} state={state} /> : null;
  return <>{children}</>;
}
