import { z } from 'zod';
import { errorCodes, SignedInAccount } from '../../../electron/contract/index.ts';

/**
 * What a team server's `GET /auth/session` (and `POST /auth/password`) answers, as
 * docs/team-mode.md describes it. Browser mode's `vigil serve` answers 404 there instead.
 */
export const SignInOptions = z.object({
  password: z.boolean(),
  /** Single sign-on, when the server was started with an OpenID provider. */
  oidc: z.object({ label: z.string() }).nullable(),
});
export type SignInOptions = z.output<typeof SignInOptions>;

const SignedOutAnswer = z.object({
  mode: z.literal('team'),
  signedIn: z.literal(false),
  signIn: SignInOptions,
  /** The cookie named a session that has ended (timed out, signed out elsewhere): the refusal saying why. */
  ended: z.object({ code: z.enum(errorCodes), message: z.string() }).optional(),
});
const SignedInAnswer = z.object({
  mode: z.literal('team'),
  signedIn: z.literal(true),
  account: SignedInAccount,
  csrfToken: z.string().min(1),
  idleExpiresAt: z.string(),
  expiresAt: z.string(),
  signIn: SignInOptions,
});
export const SessionAnswer = z.discriminatedUnion('signedIn', [SignedOutAnswer, SignedInAnswer]);
export type SessionAnswer = z.output<typeof SessionAnswer>;
export type SignedInAnswer = z.output<typeof SignedInAnswer>;

/** The server may wrap an answer as a Result (`{ ok: true, value }`); either way, the answer inside. */
export function unwrapAnswer(body: unknown): unknown {
  if (typeof body === 'object' && body !== null && 'ok' in body && (body as { ok: unknown }).ok === true && 'value' in body) {
    return (body as { value: unknown }).value;
  }
  return body;
}

/** The answer when it is a team server's, else null (browser mode, another server, garbage). */
export function parseSessionAnswer(body: unknown): SessionAnswer | null {
  const parsed = SessionAnswer.safeParse(unwrapAnswer(body));
  return parsed.success ? parsed.data : null;
}
