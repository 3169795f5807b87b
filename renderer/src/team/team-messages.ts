import type { VigilError } from '../../../electron/contract/index.ts';

/**
 * The words a person reads when a sign-in is refused or a session ends. The server's codes
 * say what happened; these sentences say it and what to do next.
 */

/** A moment as the person's clock shows it, to the minute. */
export function formatClock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const numberDetail = (error: VigilError, key: string): number | null => {
  const value = error.details?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};
const stringDetail = (error: VigilError, key: string): string | null => {
  const value = error.details?.[key];
  return typeof value === 'string' && value !== '' ? value : null;
};

/** Seconds from a `Retry-After` header (seconds, or an HTTP date), or null. */
export function retryAfterSeconds(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Why a sign-in was refused, in words, with when to try again where the server said. */
export function signInRefusal(error: VigilError, retryAfter: number | null, now: number): string {
  switch (error.code) {
    case 'UNAUTHORIZED': {
      // The core words it (attempts left included) when the server passes no details.
      const left = numberDetail(error, 'attemptsLeft');
      if (left === null) return error.message || 'The login or the password is not right. Check both and try again.';
      if (left <= 0) return 'The password is not right, and the account is now locked for a while. Ask an administrator to unlock it, or try again later.';
      return `The password is not right. ${plural(left, 'attempt is', 'attempts are')} left before the account locks.`;
    }
    case 'ACCOUNT_LOCKED': {
      const until = stringDetail(error, 'lockedUntil');
      if (!until) return `${error.message} Ask an administrator to unlock it, or try again later.`;
      return `This account is locked until ${formatClock(until)} after too many wrong passwords. Try again then, or ask an administrator to unlock it.`;
    }
    case 'RATE_LIMITED': {
      const seconds = retryAfter ?? numberDetail(error, 'retryAfterSeconds');
      if (seconds === null) return 'Too many sign-in attempts from this computer. Wait a minute and try again.';
      const at = new Date(now + seconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
      return `Too many sign-in attempts from this computer. Try again in ${plural(seconds, 'second', 'seconds')} (at ${at}).`;
    }
    default:
      return error.message;
  }
}

/** Why the session is over, for the sign-in page the person is sent back to. */
export function sessionEndedMessage(error: VigilError, session: { idleMinutes: number; expiresAt: string } | null, now: number): string {
  if (error.code === 'SESSION_EXPIRED') {
    const reason = stringDetail(error, 'reason');
    const absolute = reason === 'absolute' || (reason === null && session !== null && now >= Date.parse(session.expiresAt));
    if (absolute) {
      const hours = numberDetail(error, 'absoluteHours');
      return hours === null
        ? 'Your session reached the longest time a session may last. Sign in again.'
        : `Your session ended after ${plural(hours, 'hour', 'hours')}, the longest a session may last. Sign in again.`;
    }
    const minutes = numberDetail(error, 'idleMinutes') ?? session?.idleMinutes ?? null;
    // A page loaded after the session ended knows no timeout of its own: the server's words.
    if (minutes === null) return `Your session ended (${error.message.replace(/\.$/, '')}). Sign in again.`;
    return `Your session ended after ${plural(minutes, 'minute', 'minutes')} without activity. Sign in again.`;
  }
  return 'You are no longer signed in (the session was ended, perhaps by signing out in another tab). Sign in again.';
}

/** The refusals that mean "this session is over": the page returns to the sign-in form. */
export const endsSession = (error: VigilError): boolean => error.code === 'UNAUTHORIZED' || error.code === 'SESSION_EXPIRED';
