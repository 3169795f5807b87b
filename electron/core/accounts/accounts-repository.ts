import type { Kysely } from 'kysely';
import { z } from 'zod';
import { roles, type Account, type SignInRecord } from '../../contract/index.ts';
import { decodeJson } from '../store/decode-json.ts';
import type { Schema, SessionsTable } from '../store/schema.ts';

const Roles = z.array(z.enum(roles));

/** An account with the person it is (name, email, roles, active), and what only the core reads. */
export interface AccountRecord extends Account {
  personId: string;
  passwordHash: string | null;
  lastFailedAt: string | null;
}

/** The columns of `accounts` a write sets (the person's are written through people). */
export interface AccountColumns {
  login: string;
  passwordHash: string | null;
  administrator: boolean;
  oidcSubject: string | null;
  failedSignIns: number;
  lastFailedAt: string | null;
  lockedUntil: string | null;
  lastSignInAt: string | null;
}

export type SessionRow = SessionsTable;

export interface AccountsRepository {
  list(): Promise<AccountRecord[]>;
  find(id: string): Promise<AccountRecord | undefined>;
  findByLogin(login: string): Promise<AccountRecord | undefined>;
  findBySubject(oidcSubject: string): Promise<AccountRecord | undefined>;
  /** Accounts whose person has this email, whatever its case. */
  findByEmail(email: string): Promise<AccountRecord[]>;
  findByPerson(personId: string): Promise<AccountRecord | undefined>;
  /** How many accounts are administrators (`activeOnly`: whose person is active). */
  countAdministrators(activeOnly: boolean): Promise<number>;
  insert(account: { id: string; personId: string } & AccountColumns, at: string): Promise<void>;
  update(id: string, changes: Partial<AccountColumns>, at: string): Promise<void>;

  insertSession(session: SessionRow): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRow | undefined>;
  touchSession(id: string, at: string): Promise<void>;
  endSession(id: string, at: string, reason: string): Promise<void>;

  recordSignIn(record: SignInRecord): Promise<void>;
  /** Newest first. */
  signIns(filter: { accountId?: string | undefined; limit: number }): Promise<SignInRecord[]>;
}

export function createAccountsRepository(db: Kysely<Schema>): AccountsRepository {
  const joined = () =>
    db
      .selectFrom('accounts')
      .innerJoin('people', 'people.id', 'accounts.person_id')
      .selectAll('accounts')
      .select(['people.name', 'people.email', 'people.roles', 'people.active']);
  type JoinedRow = Awaited<ReturnType<ReturnType<typeof joined>['executeTakeFirstOrThrow']>>;
  const toRecord = (r: JoinedRow): AccountRecord => ({
    id: r.id,
    login: r.login,
    name: r.name,
    email: r.email,
    roles: decodeJson(Roles, r.roles, `people.roles of ${r.person_id}`),
    administrator: r.administrator === 1,
    active: r.active === 1,
    hasPassword: r.password_hash !== null,
    oidcSubject: r.oidc_subject,
    failedSignIns: r.failed_sign_ins,
    lockedUntil: r.locked_until,
    lastSignInAt: r.last_sign_in_at,
    createdAt: r.created_at,
    personId: r.person_id,
    passwordHash: r.password_hash,
    lastFailedAt: r.last_failed_at,
  });
  const columns = (c: Partial<AccountColumns>) => ({
    ...(c.login === undefined ? {} : { login: c.login }),
    ...(c.passwordHash === undefined ? {} : { password_hash: c.passwordHash }),
    ...(c.administrator === undefined ? {} : { administrator: c.administrator ? (1 as const) : (0 as const) }),
    ...(c.oidcSubject === undefined ? {} : { oidc_subject: c.oidcSubject }),
    ...(c.failedSignIns === undefined ? {} : { failed_sign_ins: c.failedSignIns }),
    ...(c.lastFailedAt === undefined ? {} : { last_failed_at: c.lastFailedAt }),
    ...(c.lockedUntil === undefined ? {} : { locked_until: c.lockedUntil }),
    ...(c.lastSignInAt === undefined ? {} : { last_sign_in_at: c.lastSignInAt }),
  });
  const one = async (query: ReturnType<typeof joined>) => {
    const row = await query.executeTakeFirst();
    return row && toRecord(row);
  };
  return {
    list: async () => (await joined().orderBy('accounts.login').execute()).map(toRecord),
    find: (id) => one(joined().where('accounts.id', '=', id)),
    findByLogin: (login) => one(joined().where('accounts.login', '=', login.trim().toLowerCase())),
    findBySubject: (subject) => one(joined().where('accounts.oidc_subject', '=', subject)),
    findByEmail: async (email) =>
      (await joined()
        .where((eb) => eb(eb.fn('lower', ['people.email']), '=', email.trim().toLowerCase()))
        .orderBy('accounts.id')
        .execute()).map(toRecord),
    findByPerson: (personId) => one(joined().where('accounts.person_id', '=', personId)),
    countAdministrators: async (activeOnly) => {
      let query = db
        .selectFrom('accounts')
        .innerJoin('people', 'people.id', 'accounts.person_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('accounts.administrator', '=', 1);
      if (activeOnly) query = query.where('people.active', '=', 1);
      return Number((await query.executeTakeFirstOrThrow()).n);
    },
    insert: async (a, at) => {
      await db
        .insertInto('accounts')
        .values({
          id: a.id,
          person_id: a.personId,
          login: a.login,
          password_hash: a.passwordHash,
          administrator: a.administrator ? 1 : 0,
          oidc_subject: a.oidcSubject,
          failed_sign_ins: a.failedSignIns,
          last_failed_at: a.lastFailedAt,
          locked_until: a.lockedUntil,
          last_sign_in_at: a.lastSignInAt,
          created_at: at,
          updated_at: at,
        })
        .execute();
    },
    update: async (id, changes, at) => {
      await db
        .updateTable('accounts')
        .set({ ...columns(changes), updated_at: at })
        .where('id', '=', id)
        .execute();
    },

    insertSession: async (session) => {
      await db.insertInto('sessions').values(session).execute();
    },
    findSession: (tokenHash) => db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
    touchSession: async (id, at) => {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
    },
    endSession: async (id, at, reason) => {
      await db.updateTable('sessions').set({ ended_at: at, end_reason: reason }).where('id', '=', id).where('ended_at', 'is', null).execute();
    },

    recordSignIn: async (r) => {
      await db
        .insertInto('sign_ins')
        .values({ at: r.at, login: r.login, account_id: r.accountId, method: r.method, outcome: r.outcome, reason: r.reason, address: r.address })
        .execute();
    },
    signIns: async ({ accountId, limit }) => {
      let query = db.selectFrom('sign_ins').selectAll().orderBy('seq', 'desc').limit(limit);
      if (accountId !== undefined) query = query.where('account_id', '=', accountId);
      return (await query.execute()).map((r) => ({
        at: r.at,
        login: r.login,
        accountId: r.account_id,
        method: r.method,
        outcome: r.outcome,
        reason: r.reason,
        address: r.address,
      }));
    },
  };
}
