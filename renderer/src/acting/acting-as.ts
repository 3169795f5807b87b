import { useMemo, useSyncExternalStore } from 'react';
import { roles, sameSigner, type ActingAs, type Person, type Role, type SignedInAccount } from '../../../electron/contract/index.ts';
import { usePeople } from '../api/queries.ts';
import { useTeamAccount } from '../team/team-session-store.ts';

/**
 * Vigil has no log-in: governance actions name a person from Settings → People and the role
 * they act in. The choice is remembered on this computer (localStorage) and checked by the
 * core on every call.
 */
const storageKey = 'vigil.acting-as';
const listeners = new Set<() => void>();

function readRaw(): string | null {
  try {
    return window.localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  const onStorage = (event: StorageEvent) => {
    if (event.key === storageKey) onChange();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onStorage);
  };
}

/** The stored choice, or null when there is none or it is not one (a role Vigil does not know is dropped). */
export function parseActingAs(raw: string | null): { name: string; role: Role | null } | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as { name?: unknown; role?: unknown };
    if (typeof value.name !== 'string' || value.name === '') return null;
    const role = typeof value.role === 'string' && (roles as readonly string[]).includes(value.role) ? (value.role as Role) : null;
    return { name: value.name, role };
  } catch {
    return null;
  }
}

export function setActingAs(value: { name: string; role: Role | null } | null): void {
  try {
    if (value) window.localStorage.setItem(storageKey, JSON.stringify(value));
    else window.localStorage.removeItem(storageKey);
  } catch {
    // Storage refused (private mode): the choice lasts until the page reloads at best.
  }
  for (const listener of listeners) listener();
}

export interface Acting {
  /** Who acts now, as the API wants it; null when nobody is chosen (or the choice is stale). */
  by: ActingAs | null;
  person: Person | null;
  /** Active people, to choose from. */
  people: Person[];
  /** The list of people has loaded. */
  ready: boolean;
}

export function useActingAs(): Acting {
  const raw = useSyncExternalStore(subscribe, readRaw, () => null);
  const people = usePeople();
  const account = useTeamAccount();
  return useMemo(
    () => (account ? resolveTeamActing(account, people.data, raw) : resolveActing(raw, people.data, people.isSuccess)),
    [account, raw, people.data, people.isSuccess],
  );
}

/**
 * On a team server nobody is chosen: the signed-in account is the person acting. Someone holding
 * several roles picks the one pages offer actions for (stored as on the desktop; a stored role
 * they do not hold falls back to their first). Calls a page makes without `by` get their role
 * from the server: the first of the person's roles the method allows.
 */
export function resolveTeamActing(account: SignedInAccount, people: readonly Person[] | undefined, raw: string | null = null): Acting {
  const active = (people ?? []).filter((p) => p.active);
  const person = active.find((p) => sameSigner(p.name, account.name)) ?? null;
  const stored = parseActingAs(raw)?.role ?? null;
  const role = stored && account.roles.includes(stored) ? stored : (account.roles[0] ?? null);
  return { by: role ? { name: account.name, role } : null, person, people: active, ready: true };
}

/**
 * Who acts, from the stored choice and the people in Settings: only an active person (matched by
 * name, case aside) in a role they hold; a stored role they no longer hold falls back to their first.
 */
export function resolveActing(raw: string | null, people: readonly Person[] | undefined, ready: boolean): Acting {
  const active = (people ?? []).filter((p) => p.active);
  const stored = parseActingAs(raw);
  const person = stored ? (active.find((p) => sameSigner(p.name, stored.name)) ?? null) : null;
  const role = person ? (stored?.role && person.roles.includes(stored.role) ? stored.role : (person.roles[0] ?? null)) : null;
  return { by: person && role ? { name: person.name, role } : null, person, people: active, ready };
}

/** Whether the acting person's role is one of these. */
export const actsAs = (by: ActingAs | null, ...allowed: Role[]): boolean => by !== null && allowed.includes(by.role);
