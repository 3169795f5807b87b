import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { teamConnectionFileName, teamConnectionStore } from '../../../electron/main/team-connection-store.ts';

const fingerprint = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');
const chosen = { version: 1 as const, url: 'https://vigil.hospital.example', fingerprint, pinnedAt: '2026-12-06T21:00:00.000Z', pinnedBy: 'ward7.nurse' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-team-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('teamConnectionStore', () => {
  it('has nothing and no problem when no server was ever chosen', () => {
    expect(teamConnectionStore(dir).read()).toEqual({ connection: null, problem: null });
  });

  it('keeps the chosen server in team-server.json in the user-data folder, readable by the user only, and reads it back', () => {
    const store = teamConnectionStore(dir);
    store.save(chosen);
    expect(store.file).toBe(join(dir, teamConnectionFileName));
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toEqual(chosen);
    if (process.platform !== 'win32') expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(teamConnectionStore(dir).read()).toEqual({ connection: chosen, problem: null });
  });

  it('forgets the server on clear, and clearing twice is fine', () => {
    const store = teamConnectionStore(dir);
    store.save(chosen);
    store.clear();
    store.clear();
    expect(store.read()).toEqual({ connection: null, problem: null });
  });

  it('refuses to save a choice that is not valid', () => {
    expect(() => teamConnectionStore(dir).save({ ...chosen, fingerprint: 'AB:CD' })).toThrow(/SHA-256 fingerprint/);
  });

  it.each([
    ['not JSON', '{"url": "https://vigil', 'not readable JSON'],
    ['a wrong fingerprint', JSON.stringify({ ...chosen, fingerprint: 'AA:BB:CC' }), 'fingerprint: fingerprint must be a SHA-256 fingerprint: 64 hexadecimal digits'],
    ['a plain http address', JSON.stringify({ ...chosen, url: 'http://vigil.hospital.example' }), 'the address is not https://'],
    ['a missing pin date', JSON.stringify({ ...chosen, pinnedAt: undefined }), 'pinnedAt'],
    ['an unknown field', JSON.stringify({ ...chosen, trustAnyCertificate: true }), 'Unknown field "trustAnyCertificate"'],
    ['a newer version', JSON.stringify({ ...chosen, version: 2 }), 'version'],
    ['a prototype key', '{"__proto__": {"url": "https://x"}}', 'not readable JSON'],
  ])('refuses a file with %s in words, and Vigil works on the own file', (_label, text, words) => {
    writeFileSync(join(dir, teamConnectionFileName), text);
    const read = teamConnectionStore(dir).read();
    expect(read.connection).toBeNull();
    expect(read.problem).toContain(`The team server settings in ${join(dir, teamConnectionFileName)} cannot be used (`);
    expect(read.problem).toContain(words);
    expect(read.problem).toContain('Vigil is working on your own file. Choose the team server again in Settings.');
  });
});
