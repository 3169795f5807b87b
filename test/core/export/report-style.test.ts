// templates/report/report.json: the shipped file loads with its logo; a bad file is refused
// with its name and the field at fault.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { imageSize, loadReportStyle } from '../../../electron/core/export/report-style.ts';
import { templatesDir } from '../../support/core-fixture.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function templatesWith(report: unknown, logo = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-report-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'report'));
  writeFileSync(join(dir, 'report', 'report.json'), typeof report === 'string' ? report : JSON.stringify(report));
  if (logo) copyFileSync(join(templatesDir, 'report', 'logo.png'), join(dir, 'report', 'logo.png'));
  return dir;
}

const valid = {
  id: 'r',
  version: '1.0.0',
  confidentiality: 'CONFIDENTIAL',
  font: 'Calibri',
  colours: { heading: '1F3864', accent: '#2e5c8a', tableHeader: '1F3864', tableHeaderText: 'FFFFFF', muted: '595959' },
  logo: { file: 'logo.png', width: 64 },
};

describe('loadReportStyle', () => {
  it('loads the shipped report style, its confidentiality marking and logo', () => {
    const style = loadReportStyle(templatesDir, 'St Elsewhere');
    expect(style.organisation).toBe('St Elsewhere');
    expect(style.confidentiality).toBe('CONFIDENTIAL — prepared for the AI governance committee. Do not distribute outside the organisation.');
    expect(style.colours.heading).toMatch(/^[0-9A-F]{6}$/);
    expect(style.logo?.type).toBe('png');
    expect(style.logo?.width).toBe(64);
    expect(style.logo?.height).toBe(72); // 128 × 144 pixels, kept in proportion
  });

  it('normalises colours and works without a logo', () => {
    const { logo: _logo, ...noLogo } = valid;
    const style = loadReportStyle(templatesWith(noLogo, false), 'X');
    expect(style.colours.accent).toBe('2E5C8A');
    expect(style.logo).toBeNull();
  });

  it.each([
    [{ ...valid, colours: { ...valid.colours, heading: 'navy' } }, /report\.json: colours\.heading: colour must be six hex digits/],
    [{ ...valid, confidentiality: '  ' }, /confidentiality: confidentiality marking must not be empty/],
    [{ ...valid, logo: { file: '../../etc/passwd.png' } }, /logo\.file: logo file must be a PNG or JPEG file name/],
    [{ ...valid, logo: { file: 'absent.png' } }, /logo\.file: absent\.png not found/],
    [{ ...valid, extra: true }, /\(file\): unknown field\(s\): extra/],
    ['{ not json', /report\.json: \(file\): not valid JSON/],
  ])('refuses a bad file with the field at fault (%#)', (report, message) => {
    expect(() => loadReportStyle(templatesWith(report), 'X')).toThrow(message);
  });

  it('refuses a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-report-'));
    dirs.push(dir);
    expect(() => loadReportStyle(dir, 'X')).toThrow(/templates\/report\/report\.json: \(file\): file not found/);
  });

  it('reads PNG and JPEG sizes from their headers', () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x30, 0x00, 0x40, 0x03, 0, 0, 0, 0]);
    expect(imageSize(jpeg, 'jpg')).toEqual({ width: 64, height: 48 });
    expect(imageSize(new Uint8Array([1, 2, 3]), 'png')).toBeNull();
  });
});
