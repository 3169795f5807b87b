// The register CSV: BOM, CRLF, RFC 4180 quoting through a real parser, the same cells as the
// Word table, and formula injection neutralised without touching ordinary text.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registerColumns } from '../../../electron/core/export/register-model.ts';
import { csvColumns, csvExtraColumns, neutralise, registerCsv } from '../../../electron/core/export/register-csv.ts';
import { registerRow } from '../../../electron/core/export/register-row.ts';
import { makeRisk, matrix, registerModel } from '../../support/register-model-fixture.ts';

const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
const parseCsv = (bytes: Uint8Array): string[][] => parse(decode(bytes).slice(1), { bom: false, relax_column_count: false, record_delimiter: '\r\n' }) as string[][];

describe('registerCsv', () => {
  it('starts with a UTF-8 byte-order mark and ends every line with CRLF', () => {
    const bytes = registerCsv(registerModel());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = decode(bytes).slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('has the register columns, then the extra ones, and the same cells as the Word table', () => {
    const model = registerModel();
    const rows = parseCsv(registerCsv(model));
    expect(rows[0]).toEqual([...registerColumns, ...csvExtraColumns]);
    expect(rows).toHaveLength(model.risks.length + 1);
    model.risks.forEach((risk, i) => {
      expect(rows[i + 1]?.slice(0, registerColumns.length)).toEqual(registerRow(risk, matrix));
      expect(rows[i + 1]?.slice(registerColumns.length)).toEqual([risk.threatId, risk.assessmentId, risk.systemId, 'Critical', risk.aboveAppetite ? 'Yes' : 'No', 'No', risk.flags.join('; ')]);
    });
  });

  it('neutralises cells a spreadsheet would run as a formula, and only those', () => {
    const dangerous = ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '＝1+1', '＋1', '－1', '＠SUM(A1)'];
    const ordinary = ['Plain text', '42', '3.5', "O'Brien", 'a=b', 'x-y', 'user@example.org', 'a＝b'];
    const model = registerModel({ risks: [...dangerous, ...ordinary].map((owner, i) => makeRisk(i, { owner })) });
    const owners = parseCsv(registerCsv(model)).slice(1).map((row) => row[registerColumns.indexOf('Owner')]);
    expect(owners).toEqual([...dangerous.map((d) => `'${d}`), ...ordinary]);
  });

  it('shows control characters as U+FFFD, so none reaches a cell, and then neutralises what they hid', () => {
    const owners = ['bell\u0007 here', 'esc\u001b[2J', '\u0000=cmd', 'del\u007f', 'tab\tand\nline'];
    const rows = parseCsv(registerCsv(registerModel({ risks: owners.map((owner, i) => makeRisk(i, { owner })) })));
    expect(rows.slice(1).map((row) => row[registerColumns.indexOf('Owner')])).toEqual(['bell\uFFFD here', 'esc\uFFFD[2J', '\uFFFD=cmd', 'del\uFFFD', 'tab\tand\nline']);
    expect(neutralise('\u001b=1')).toBe('\uFFFD=1');
  });

  it('round-trips quotes, commas, line breaks, emoji and right-to-left text', () => {
    const owner = 'He said "no", then\r\nleft; 🩺🧬👩‍⚕️ مرحبا بالعالم שלום';
    const rows = parseCsv(registerCsv(registerModel({ risks: [makeRisk(1, { owner, threatName: 'a,b' })] })));
    expect(rows[1]?.[registerColumns.indexOf('Owner')]).toBe(owner);
    expect(rows[1]?.[registerColumns.indexOf('Threat')]).toBe('a,b');
  });

  it('gives back exactly the cells for arbitrary text in every field', () => {
    // Well-formed Unicode (a lone surrogate cannot be written in UTF-8 at all), control characters included.
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: fc.constantFrom('=', '＝', '\u0007', '\u001b', 'a', '\t', '\n', '"', ','), maxLength: 12 }));
    const risk = fc.record({ id: text, systemName: text, threatName: text, owner: text, treatmentSummary: text, status: text, controlName: text, dueDate: fc.option(text, { nil: null }) });
    fc.assert(
      fc.property(fc.array(risk, { maxLength: 5 }), (specs) => {
        const model = registerModel({
          risks: specs.map((s, i) =>
            makeRisk(i, { id: s.id, systemName: s.systemName, threatName: s.threatName, owner: s.owner, treatmentSummary: s.treatmentSummary, status: s.status, dueDate: s.dueDate, keyControls: [{ id: 'C', name: s.controlName, strength: 'full' }] }),
          ),
        });
        const rows = parseCsv(registerCsv(model));
        expect(rows[0]).toEqual(csvColumns);
        model.risks.forEach((r, i) => {
          const expected = registerRow(r, model.matrix);
          const got = rows[i + 1]?.slice(0, registerColumns.length) ?? [];
          expect(got).toEqual(expected.map(neutralise));
          // eslint-disable-next-line no-control-regex -- no control character may reach a cell
          for (const cell of got) expect(cell).not.toMatch(/^[=+\-@＝＋－＠]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
        });
      }),
      { numRuns: 200 },
    );
  });
});
