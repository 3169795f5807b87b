// Small formatters with rules of their own: text colour on a band's colour (WCAG contrast),
// the integrity page's words and the split of a damaged database's report, error folding, and
// the download helper.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppInfo } from '../../electron/contract/index.ts';
import { readableTextColor } from '../../renderer/src/components/readable-text-color.ts';
import { backupKindLabels, backupKindPhrases, databaseState, formatMoment, formatSize, shortHash, splitProblem } from '../../renderer/src/integrity/integrity-format.ts';
import { foldMessage } from '../../renderer/src/shell/ErrorNotice.tsx';
import { saveBytes } from '../../renderer/src/shell/save-download.ts';
import { contrast } from '../support/wcag-contrast.ts';

describe('readableTextColor', () => {
  it('puts black on light colours and white on dark ones', () => {
    expect(readableTextColor('#ffffff')).toBe('#000000');
    expect(readableTextColor('#ffff00')).toBe('#000000');
    expect(readableTextColor('#000000')).toBe('#ffffff');
    expect(readableTextColor('#000080')).toBe('#ffffff');
    expect(readableTextColor('#C92A2A')).toBe('#ffffff');
  });

  it('always picks the ink with the higher contrast', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) % 256;
    for (let i = 0; i < 500; i++) {
      const bg = `#${[next(), next(), next()].map((n) => n.toString(16).padStart(2, '0')).join('')}`;
      const ink = readableTextColor(bg);
      const other = ink === '#000000' ? '#ffffff' : '#000000';
      expect(contrast(bg, ink), bg).toBeGreaterThanOrEqual(contrast(bg, other));
    }
  });

  it('reads the default matrix\'s band colours at 3:1 or better (large badge text)', () => {
    const matrix = JSON.parse(readFileSync(new URL('../../templates/matrices/default.json', import.meta.url), 'utf8')) as { bands: { id: string; color: string }[] };
    expect(matrix.bands.length).toBeGreaterThan(0);
    for (const band of matrix.bands) expect(contrast(band.color, readableTextColor(band.color)), band.id).toBeGreaterThanOrEqual(3);
  });
});

describe('integrity wording', () => {
  it('describes every kind of backup', () => {
    for (const kind of ['manual', 'daily', 'preMigration', 'preRestore'] as const) {
      expect(backupKindLabels[kind]).toBeTruthy();
      expect(backupKindPhrases[kind]).toMatch(/^(a|the) /);
    }
  });

  it('shows the first 16 characters of a hash, as the CLI does', () => {
    expect(shortHash('0123456789abcdef0123456789abcdef')).toBe('0123456789abcdef…');
  });

  it('writes sizes in bytes, KB and MB', () => {
    expect(formatSize(512)).toBe('512 bytes');
    expect(formatSize(1792)).toBe('1.8 KB');
    expect(formatSize(1.7 * 1024 * 1024)).toBe('1.7 MB');
  });

  it('shows a moment to the second, and leaves a value that is not one alone', () => {
    const a = formatMoment('2025-03-04T10:20:30Z');
    const b = formatMoment('2025-03-04T10:20:31Z');
    expect(a).not.toBe(b);
    expect(formatMoment('not a date')).toBe('not a date');
  });

  it('tells healthy, read-only and unreadable databases apart', () => {
    const info = (patch: Partial<AppInfo>) => ({ readOnly: false, ledgerHead: 'abc', auditEvents: 10, ...patch }) as AppInfo;
    expect(databaseState(info({}))).toBe('ok');
    expect(databaseState(info({ readOnly: true }))).toBe('readOnly');
    expect(databaseState(info({ readOnly: true, ledgerHead: null, auditEvents: 0 }))).toBe('unreadable');
    // A damaged database whose ledger is empty but readable is still read-only, not unreadable.
    expect(databaseState(info({ readOnly: true, ledgerHead: null, auditEvents: 3 }))).toBe('readOnly');
  });
});

describe('splitProblem', () => {
  it('leaves a one-line problem whole, starting with a capital', () => {
    expect(splitProblem('the database file is damaged (file is not a database).')).toEqual({ summary: 'The database file is damaged (file is not a database).', detail: null });
    expect(splitProblem('  something broke  ')).toEqual({ summary: 'Something broke', detail: null });
  });

  it('folds the start-up check\'s many-line report away from the sentence', () => {
    const problem = 'the start-up check found damage (*** in database main ***\nPage 5: btreeInitPage() returns error code 11\nPage 9: never used).';
    expect(splitProblem(problem)).toEqual({
      summary: 'The start-up check found damage.',
      detail: '*** in database main ***\nPage 5: btreeInitPage() returns error code 11\nPage 9: never used',
    });
  });

  it('keeps what follows the report in the sentence, not in the report', () => {
    // What the core says when even a read-only open fails after the check.
    const problem = 'the start-up check found damage (*** in database main ***\nPage 5: never used). unable to open database file';
    expect(splitProblem(problem)).toEqual({
      summary: 'The start-up check found damage. Unable to open database file',
      detail: '*** in database main ***\nPage 5: never used',
    });
  });
});

describe('foldMessage', () => {
  it('leaves a message without a many-line bracket alone', () => {
    expect(foldMessage('No system SYS-ABCD')).toEqual({ short: 'No system SYS-ABCD', report: null });
    expect(foldMessage('Refused (one line).')).toEqual({ short: 'Refused (one line).', report: null });
    expect(foldMessage('odd ) then (')).toEqual({ short: 'odd ) then (', report: null });
  });

  it('folds a many-line report in brackets, keeping the words around it', () => {
    expect(foldMessage('Vigil cannot read x.db: damage (Page 1\nPage 2). Restore a backup.')).toEqual({ short: 'Vigil cannot read x.db: damage (…). Restore a backup.', report: 'Page 1\nPage 2' });
  });
});

describe('saveBytes', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('clicks a hidden download link named for the file, removes it, and frees the URL a minute later', () => {
    vi.useFakeTimers();
    const events: string[] = [];
    const link = {
      href: '',
      download: '',
      style: { display: '' },
      click: () => events.push(`click ${link.href} as ${link.download} (${link.style.display})`),
      remove: () => events.push('remove'),
    };
    const blobs: Blob[] = [];
    vi.stubGlobal('document', { createElement: (tag: string) => (tag === 'a' ? link : null), body: { append: () => events.push('append') } });
    vi.stubGlobal('URL', {
      createObjectURL: (blob: Blob) => {
        blobs.push(blob);
        return 'blob:1';
      },
      revokeObjectURL: (url: string) => events.push(`revoke ${url}`),
    });
    saveBytes('a,b\n1,2\n', 'register.csv', 'text/csv');
    expect(events).toEqual(['append', 'click blob:1 as register.csv (none)', 'remove']);
    expect(blobs[0]?.type).toBe('text/csv');
    vi.advanceTimersByTime(59_999);
    expect(events).not.toContain('revoke blob:1');
    vi.advanceTimersByTime(1);
    expect(events.at(-1)).toBe('revoke blob:1');
  });
});
