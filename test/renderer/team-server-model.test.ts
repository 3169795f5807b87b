import { describe, expect, it, vi } from 'vitest';
import { fail, ok, type CertificateInfo, type TeamStatus } from '../../electron/contract/index.ts';
import { teamServerMethodNames } from '../../electron/contract/team-connection.ts';
import { ApiError } from '../../renderer/src/api/api-client.ts';
import { addressProblem, callTeamServer, certificateNotes, fingerprintRows, statusLine, teamServerBridge, type TeamServerBridge } from '../../renderer/src/pages/settings/team-server-model.ts';

const fingerprint = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase()).join(':');
const certificate: CertificateInfo = {
  url: 'https://vigil.hospital.example',
  fingerprint,
  subject: 'CN=vigil.hospital.example',
  issuer: 'CN=Hospital Root CA',
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2027-01-01T00:00:00.000Z',
  trustedBySystem: false,
  pinnedFingerprint: null,
};
const now = new Date('2026-12-06T21:00:00.000Z');

describe('teamServerBridge', () => {
  it('is null in a browser (no window.vigil) and in a bridge without the desktop methods', () => {
    expect(teamServerBridge({})).toBeNull();
    expect(teamServerBridge({ vigil: { 'systems.list': () => undefined } })).toBeNull();
  });

  it('is the bridge in the desktop app', () => {
    const vigil = Object.fromEntries(teamServerMethodNames.map((m) => [m, () => Promise.resolve(ok(null))]));
    expect(teamServerBridge({ vigil })).toBe(vigil);
  });
});

describe('callTeamServer', () => {
  it('answers the value, and turns a refusal into an ApiError with its code and words', async () => {
    const status: TeamStatus = { mode: 'local', problem: null };
    const probe = vi.fn(() => Promise.resolve(fail('SERVER_UNREACHABLE', 'The team server at https://x did not answer (connection refused); your own file is unchanged.')));
    const bridge = { 'teamServer.status': () => Promise.resolve(ok(status)), 'teamServer.probe': probe } as unknown as TeamServerBridge;
    expect(await callTeamServer(bridge, 'teamServer.status', {})).toEqual(status);
    const refused = await callTeamServer(bridge, 'teamServer.probe', { url: 'https://x' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).error.code).toBe('SERVER_UNREACHABLE');
    expect(probe).toHaveBeenCalledWith({ url: 'https://x' });
  });
});

describe('fingerprintRows', () => {
  it('splits a SHA-256 fingerprint into four rows of eight pairs, losing nothing', () => {
    const rows = fingerprintRows(fingerprint);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toBe('00:01:02:03:04:05:06:07');
    expect(rows.join(':')).toBe(fingerprint);
  });
});

describe('statusLine', () => {
  it('says where the records are and who is signed in', () => {
    expect(statusLine({ mode: 'local', problem: null })).toBe('Vigil works on your own file on this computer. Nothing is shared.');
    const team: TeamStatus = { mode: 'team', url: 'https://vigil.hospital.example', fingerprint, pinnedAt: now.toISOString(), pinnedBy: 'ward7.nurse', account: null, passwordSignIn: true, notice: null };
    expect(statusLine(team)).toBe('Connected to the team server at https://vigil.hospital.example. Sign in to work on its records.');
    const account = { id: 'ACC-0001', login: 'asha', name: 'Asha Assessor', roles: ['assessor' as const], administrator: false };
    expect(statusLine({ ...team, account })).toBe('Connected to the team server at https://vigil.hospital.example, signed in as Asha Assessor (asha).');
  });
});

describe('certificateNotes', () => {
  it('asks to compare the fingerprint when no authority vouches for the certificate', () => {
    const notes = certificateNotes(certificate, now);
    expect(notes).toEqual([{ tone: 'warning', text: expect.stringContaining('Compare the fingerprint with the one the server') }]);
  });

  it('still asks to compare when the system trusts it, as information', () => {
    expect(certificateNotes({ ...certificate, trustedBySystem: true }, now).map((n) => n.tone)).toEqual(['info']);
  });

  it('puts a changed certificate first, naming the old fingerprint, then an expired one', () => {
    const old = fingerprint.replace(/^00/, 'FF');
    const notes = certificateNotes({ ...certificate, pinnedFingerprint: old, validTo: '2026-11-30T00:00:00.000Z' }, now);
    expect(notes.map((n) => n.tone)).toEqual(['danger', 'danger', 'warning']);
    expect(notes[0]?.text).toContain(`has changed since it was pinned (it was ${old})`);
    expect(notes[1]?.text).toBe('The certificate expired on 2026-11-30.');
  });

  it('says nothing about a change when the pinned fingerprint is the one shown', () => {
    expect(certificateNotes({ ...certificate, pinnedFingerprint: fingerprint }, now).map((n) => n.tone)).toEqual(['warning']);
  });

  it('warns of a certificate not valid yet', () => {
    expect(certificateNotes({ ...certificate, validFrom: '2027-01-01T00:00:00.000Z' }, now)[0]?.text).toBe('The certificate is not valid before 2027-01-01.');
  });
});

describe('addressProblem', () => {
  it('asks for an address, refuses plain http, and leaves the rest to the main process', () => {
    expect(addressProblem('  ')).toContain('Give the team server address');
    expect(addressProblem('http://vigil.hospital.example')).toContain('Use the https:// address');
    expect(addressProblem('vigil.hospital.example')).toBeNull();
    expect(addressProblem('https://vigil.hospital.example:8443')).toBeNull();
  });
});
