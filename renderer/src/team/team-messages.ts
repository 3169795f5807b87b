import type { VigilError } from '../../../electron/contract/index.ts';
import { formatClockTime, formatDateTime } from '../text/format.ts';

/**
 * The words a person reads when a sign-in is refused or a session ends. The server's codes
 * say what happened; these sentences say it and what to do next.
 */

/** A moment as the person's clock shows it, to the minute. */
export const formatClock = formatDateTime;

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

/**
 * The core says how many failures count and until when an account is locked, in details
 * (`failedSignIns`, `allowed`, `lockedUntil`) and in its message; a server that passes only
 * the message still gives both.
 */
function attemptsLeft(error: VigilError): number | null {
  const given = numberDetail(error, 'attemptsLeft');
  if (given !== null) return given;
  const failed = numberDetail(error, 'failedSignIns');
  const allowed = numberDetail(error, 'allowed');
  if (failed !== null && allowed !== null) return allowed - failed;
  const counted = /(\d+) of (\d+) failed sign-ins/.exec(error.message);
  return counted ? Number(counted[2]) - Number(counted[1]) : null;
}

function lockedUntil(error: VigilError): string | null {
  return stringDetail(error, 'lockedUntil') ?? /until (\d{4}-\d\d-\d\dT[\d:.]+Z)/.exec(error.message)?.[1] ?? null;
}

/** Why a sign-in was refused, in words, with when to try again where the server said. */
export function signInRefusal(error: VigilError, retryAfter: number | null, now: number): string {
  switch (error.code) {
    case 'UNAUTHORIZED': {
      const left = attemptsLeft(error);
      // No count: an unknown login, a deactivated account, … — the core's own words.
      if (left === null) return error.message || 'The login or the password is not right. Check both and try again.';
      return `The login or the password is not right. ${plural(Math.max(0, left), 'attempt is', 'attempts are')} left before the account locks.`;
    }
    case 'ACCOUNT_LOCKED': {
      const until = lockedUntil(error);
      if (!until) return `${error.message} Ask an administrator to unlock it, or try again later.`;
      return `This account is locked until ${formatClock(until)} after too many wrong passwords. Try again then, or ask an administrator to unlock it.`;
    }
    case 'RATE_LIMITED': {
      const seconds = retryAfter ?? numberDetail(error, 'retryAfterSeconds');
      if (seconds === null) return 'Too many sign-in attempts from this computer. Wait a minute and try again.';
      const at = formatClockTime(new Date(now + seconds * 1000));
      return `Too many sign-in attempts from this computer. Try again in ${plural(seconds, 'second', 'seconds')} (at ${at}).`;
    }
    default:
      return error.message;
  }
}

/**
 * Why the session is over, for the sign-in page the person is sent back to. The core gives the
 * reason ("idle for 30 minutes", "12 hours since sign-in") in details and in its message.
 */
export function sessionEndedMessage(error: VigilError, session: { idleMinutes: number; expiresAt: string } | null, now: number): string {
  if (error.code === 'SESSION_EXPIRED') {
    const said = `${stringDetail(error, 'reason') ?? ''} ${error.message}`;
    const idle = /idle for (\d+) minute/i.exec(said);
    const hours = /(\d+) hours? since sign-in/i.exec(said)?.[1] ?? null;
    if (hours !== null || (!idle && session !== null && now >= Date.parse(session.expiresAt))) {
      return hours === null
        ? 'Your session reached the longest time a session may last. Sign in again.'
        : `Your session ended ${plural(Number(hours), 'hour', 'hours')} after you signed in, the longest a session may last. Sign in again.`;
    }
    const minutes = idle?.[1] !== undefined ? Number(idle[1]) : (session?.idleMinutes ?? null);
    // Neither the server nor this page knows the timeout: the server's words.
    if (minutes === null) return `Your session ended (${error.message.replace(/\.$/, '')}). Sign in again.`;
    return `Your session ended after ${plural(minutes, 'minute', 'minutes')} without activity. Sign in again.`;
  }
  return 'You are no longer signed in (the session was ended, perhaps by signing out in another tab). Sign in again.';
}

/** The refusals that mean "this session is over": the page returns to the sign-in form. */
export const endsSession = (error: VigilError): boolean => error.code === 'UNAUTHORIZED' || error.code === 'SESSION_EXPIRED';
