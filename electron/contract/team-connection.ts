import { z } from 'zod';
import { LoginName, SignedInAccount } from './accounts.ts';

/*
 * The desktop app's link to a team server (issue 15, docs/team-mode.md "Desktop connected to a
 * team server"). These are not contract methods of the core: only the desktop's main process
 * answers them, on their own IPC channel, to choose, pin, sign in to and leave a team server.
 * The session cookie and CSRF token never appear here: they stay in the main process.
 */

/** A SHA-256 certificate fingerprint as Node prints it: 32 upper-case hex pairs joined by colons. */
export const CertificateFingerprint = z
  .string({ error: 'fingerprint must be text' })
  .transform((text) => normaliseFingerprint(text))
  .pipe(z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, { error: 'fingerprint must be a SHA-256 fingerprint: 64 hexadecimal digits' }));

/** Accepts the forms people copy (spaces, lower case, no colons) and gives Node's form. */
export function normaliseFingerprint(text: string): string {
  const hex = text.replace(/[\s:]/g, '').toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? (hex.match(/../g) ?? []).join(':') : text;
}

export const ServerAddress = z.string({ error: 'address must be text' }).trim().min(1, { error: 'give the team server address' }).max(2048, { error: 'address is too long' });

/** What the server's certificate says, shown to the person before they trust it. */
export const CertificateInfo = z.object({
  /** The address as Vigil will use it (https://host[:port]). */
  url: z.string(),
  fingerprint: z.string(),
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** The operating system's certificate authorities vouch for it (informational: the pin decides). */
  trustedBySystem: z.boolean(),
  /** The fingerprint already pinned for this address, if any (so a change can be shown). */
  pinnedFingerprint: z.string().nullable(),
});
export type CertificateInfo = z.output<typeof CertificateInfo>;

/** The stored choice (team-connection-store.ts). */
export const TeamConnection = z.strictObject({
  version: z.literal(1),
  url: z.string(),
  fingerprint: CertificateFingerprint,
  pinnedAt: z.iso.datetime({ error: 'pinnedAt must be a date and time' }),
  /** The OS login that confirmed the fingerprint (the desktop has no accounts of its own). */
  pinnedBy: z.string().min(1).max(200),
});
export type TeamConnection = z.output<typeof TeamConnection>;

export const TeamStatus = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('local'),
    /** A team-server settings file that could not be used, in words (Vigil then works on the own file). */
    problem: z.string().nullable(),
  }),
  z.object({
    mode: z.literal('team'),
    url: z.string(),
    fingerprint: z.string(),
    pinnedAt: z.string(),
    pinnedBy: z.string(),
    account: SignedInAccount.nullable(),
    /** The sign-in means the server offers (password; single sign-on is for browsers). */
    passwordSignIn: z.boolean(),
    /** Why the person is not signed in, when they were and no longer are (session expired…). */
    notice: z.string().nullable(),
  }),
]);
export type TeamStatus = z.output<typeof TeamStatus>;

export const teamServerInputs = {
  'teamServer.status': z.strictObject({}),
  'teamServer.probe': z.strictObject({ url: ServerAddress }),
  'teamServer.connect': z.strictObject({ url: ServerAddress, fingerprint: CertificateFingerprint }),
  'teamServer.signIn': z.strictObject({ login: LoginName, password: z.string({ error: 'password must be text' }).min(1, { error: 'give the password' }).max(1024) }),
  'teamServer.signOut': z.strictObject({}),
  'teamServer.disconnect': z.strictObject({}),
} as const;

export type TeamServerMethod = keyof typeof teamServerInputs;
export const teamServerMethodNames = Object.keys(teamServerInputs) as TeamServerMethod[];
export type TeamServerInput<M extends TeamServerMethod> = z.input<(typeof teamServerInputs)[M]>;
/** Every method answers the status afterwards, except the probe, which answers the certificate. */
export type TeamServerOutput<M extends TeamServerMethod> = M extends 'teamServer.probe' ? CertificateInfo : TeamStatus;
