import type { MethodName, MethodOutput } from '../../../electron/contract/index.ts';
import { ApiError, unwrap, type ApiClient } from '../api/api-client.ts';
import { postRpc } from '../api/http-client.ts';
import { endsSession, sessionEndedMessage } from './team-messages.ts';
import type { TeamStore } from './team-session-store.ts';

/** Header carrying the session's CSRF token on every POST (docs/team-mode.md). */
export const csrfHeader = 'X-Vigil-CSRF';

/**
 * Calls to a team server: the session cookie (HttpOnly, so page code never sees it) rides along
 * same-origin, and the session's CSRF token goes in a header. A refusal that means the session
 * is over (no session, idle or absolute timeout) sends the person back to the sign-in page with
 * the reason in words; the call itself is refused as usual.
 */
export function createTeamHttpClient(store: TeamStore, fetchFn: typeof fetch = fetch, now: () => number = Date.now): ApiClient {
  return {
    transport: 'team',
    async call(method, input) {
      const session = store.get().session;
      if (!session) throw new ApiError({ code: 'UNAUTHORIZED', message: 'You are signed out. Sign in again.' });
      const body = await postRpc(
        fetchFn,
        method,
        input,
        { headers: { [csrfHeader]: session.csrfToken }, credentials: 'same-origin' },
        'Is the team server reachable from this computer?',
      );
      if (!body.ok && endsSession(body.error)) store.end(sessionEndedMessage(body.error, session, now()));
      return unwrap<MethodOutput<typeof method & MethodName>>(body);
    },
  };
}
