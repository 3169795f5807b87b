import type { CertificateInfo, Result, TeamServerInput, TeamServerMethod, TeamServerOutput, TeamStatus } from '../../../../electron/contract/index.ts';
import { teamServerMethodNames } from '../../../../electron/contract/team-connection.ts';
import { unwrap } from '../../api/api-client.ts';

/** The desktop's `teamServer.*` functions on `window.vigil` (preload build-bridge.ts). */
export type TeamServerBridge = Record<TeamServerMethod, (input?: unknown) => Promise<Result<unknown>>>;

/** The bridge when this page runs in the desktop app; null in a browser, where there is none. */
export function teamServerBridge(win: { vigil?: Record<string, unknown> }): TeamServerBridge | null {
  const bridge = win.vigil;
  if (!bridge) return null;
  return teamServerMethodNames.every((m) => typeof bridge[m] === 'function') ? (bridge as unknown as TeamServerBridge) : null;
}

/** One desktop call; a refusal becomes an ApiError like any other, for the page's ErrorNotice. */
export async function callTeamServer<M extends TeamServerMethod>(bridge: TeamServerBridge, method: M, input: TeamServerInput<M>): Promise<TeamServerOutput<M>> {
  return unwrap<TeamServerOutput<M>>(await bridge[method](input));
}

/** A fingerprint in rows of eight pairs, easier to read out and compare by phone. */
export function fingerprintRows(fingerprint: string): string[] {
  const pairs = fingerprint.split(':');
  const rows: string[] = [];
  for (let i = 0; i < pairs.length; i += 8) rows.push(pairs.slice(i, i + 8).join(':'));
  return rows;
}

/** The one line the section opens with: where the records are, and who is signed in. */
export function statusLine(status: TeamStatus): string {
  if (status.mode === 'local') return 'Vigil works on your own file on this computer. Nothing is shared.';
  if (status.account) return `Connected to the team server at ${status.url}, signed in as ${status.account.name} (${status.account.login}).`;
  return `Connected to the team server at ${status.url}. Sign in to work on its records.`;
}

export interface CertificateNote {
  tone: 'warning' | 'danger' | 'info';
  text: string;
}

/** What the person should weigh before trusting this certificate, most serious first. */
export function certificateNotes(info: CertificateInfo, now: Date): CertificateNote[] {
  const notes: CertificateNote[] = [];
  if (info.pinnedFingerprint && info.pinnedFingerprint !== info.fingerprint) {
    notes.push({
      tone: 'danger',
      text: `This server's certificate has changed since it was pinned (it was ${info.pinnedFingerprint}). Connect only if the server's administrator confirms the new fingerprint: otherwise someone may be posing as the server.`,
    });
  }
  if (Date.parse(info.validTo) < now.getTime()) notes.push({ tone: 'danger', text: `The certificate expired on ${info.validTo.slice(0, 10)}.` });
  else if (Date.parse(info.validFrom) > now.getTime()) notes.push({ tone: 'danger', text: `The certificate is not valid before ${info.validFrom.slice(0, 10)}.` });
  notes.push(
    info.trustedBySystem
      ? { tone: 'info', text: "The operating system's certificate authorities vouch for this certificate. Still compare the fingerprint: Vigil will accept this exact certificate and no other." }
      : {
          tone: 'warning',
          text: "No certificate authority known to this computer vouches for this certificate (it is self-signed or from the hospital's own authority). Compare the fingerprint with the one the server's administrator gave you before connecting.",
        },
  );
  return notes;
}

/** A quick check before asking the main process, which checks again. */
export function addressProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Give the team server address, such as https://vigil.hospital.example';
  if (/^http:\/\//i.test(trimmed)) return 'Use the https:// address: Vigil does not send passwords or records over plain http://';
  return null;
}
