import { useQuery } from '@tanstack/react-query';
import type { SignedInAccount } from '../../../electron/contract/index.ts';
import { callTeamServer, teamServerBridge } from '../pages/settings/team-server-model.ts';
import { useTeamAccount } from './team-session-store.ts';

/** The desktop's connection to a team server, as Settings → "Use a team server" shows it. */
export const desktopTeamStatusKey = ['teamServer', 'status'] as const;

const bridgeOf = () => teamServerBridge(window as unknown as { vigil?: Record<string, unknown> });

/** The desktop's team-server status (null in a browser, where there is no bridge). */
export function useDesktopTeamStatus() {
  const bridge = bridgeOf();
  return useQuery({
    queryKey: desktopTeamStatusKey,
    queryFn: () => (bridge ? callTeamServer(bridge, 'teamServer.status', {}) : null),
    enabled: bridge !== null,
  });
}

/**
 * Who is signed in, wherever the page runs: the browser's team session, or the account the
 * desktop signed in with on the team server it connected to. Null on the desktop's own file and
 * in browser mode: there "Acting as" names the person.
 */
export function useSignedInAccount(): SignedInAccount | null {
  const browser = useTeamAccount();
  const desktop = useDesktopTeamStatus();
  if (browser) return browser;
  const status = desktop.data;
  return status && status.mode === 'team' ? status.account : null;
}
