// `vigil vendor model-card`: preview by default, --apply to write, --overwrite to replace answers.
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssessmentDetail, ModelCardResult } from '../../electron/contract/index.ts';
import { repoRoot } from '../support/core-fixture.ts';
import { awkwardCardBytes } from '../core/exchange/model-card/model-card-fixture.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';

let dir = '';
let db = '';
useTempDatabase((paths) => ({ dir, db } = paths));

function ok(args: string[]): string {
  const run = vigil([...args, '--db', db]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

describe('vigil vendor model-card', () => {
  it('previews, applies, keeps an answer unless --overwrite, and refuses an unsafe card with exit 1', () => {
    const system = JSON.parse(ok(['systems', 'add', '--name', 'Lumen Chest X-ray Triage', '--vendor', 'Northwind Imaging AI', '--json'])) as { id: string };
    const assessment = JSON.parse(ok(['assessments', 'start', '--system', system.id, '--stage', 'procurement', '--json'])) as AssessmentDetail;
    const card = join(dir, 'lumen-card.xml');
    copyFileSync(join(repoRoot, 'test', 'fixtures', 'chai-model-card.xml'), card);
    ok(['assessments', 'answer', assessment.id, '--set', 'VT-DEV-02=Funded by us.']);

    const preview = ok(['vendor', 'model-card', assessment.id, card]);
    expect(preview).toContain('lumen-card.xml (Lumen Chest X-ray Triage, by Northwind Imaging AI Ltd)');
    expect(preview).not.toContain('WARNING');
    expect(preview).toMatch(/VT-USE-01\s+fill\s+Intended use and workflow: Worklist/);
    expect(preview).toMatch(/VT-DEV-02\s+keep \(answered\)\s+Funded by us\./);
    expect(preview).toContain('Nothing written. Run again with --apply');
    let detail = JSON.parse(ok(['assessments', 'show', assessment.id, '--json'])) as AssessmentDetail;
    expect(detail.answers.map((a) => a.questionId)).toEqual(['VT-DEV-02']);

    const applied = JSON.parse(ok(['vendor', 'model-card', assessment.id, card, '--apply', '--json'])) as ModelCardResult;
    expect(applied.written).toEqual(['VT-DEV-01', 'VT-DEV-04', 'VT-USE-01', 'VT-USE-03']);
    expect(applied.kept).toEqual(['VT-DEV-02']);
    expect(ok(['vendor', 'model-card', assessment.id, card, '--apply', '--overwrite'])).toMatch(/^Filled 1 answer\(s\) of ASM-\w+ from lumen-card\.xml \(source: vendor\)\./);
    detail = JSON.parse(ok(['assessments', 'show', assessment.id, '--json'])) as AssessmentDetail;
    expect(detail.answers.find((a) => a.questionId === 'VT-DEV-02')).toMatchObject({ source: 'vendor', value: expect.stringContaining('Venture capital') });

    const evil = join(dir, 'evil.xml');
    writeFileSync(evil, '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><AppliedModelCard>&e;</AppliedModelCard>');
    const refused = vigil(['vendor', 'model-card', assessment.id, evil, '--apply', '--db', db, '--json']);
    expect(refused.code).toBe(1);
    expect((JSON.parse(refused.stderr) as { error: { code: string } }).error.code).toBe('XML_UNSAFE');

    const missing = vigil(['vendor', 'model-card', assessment.id, join(dir, 'nope.xml'), '--db', db]);
    expect(missing.code).toBe(2);
  });

  it('reads schema v0.2, warns of a card for another product and applies it only with --confirm-mismatch', () => {
    const system = JSON.parse(ok(['systems', 'add', '--name', 'Aurora Stroke Detect', '--vendor', 'Brightwater Medical', '--json'])) as { id: string };
    const assessment = JSON.parse(ok(['assessments', 'start', '--system', system.id, '--stage', 'procurement', '--json'])) as AssessmentDetail;
    const card = join(dir, 'lumen-card.xml');
    copyFileSync(join(repoRoot, 'test', 'fixtures', 'chai-model-card.xml'), card);

    const preview = ok(['vendor', 'model-card', assessment.id, card]);
    expect(preview).toMatch(/Schema\s+CHAI Applied Model Card v0\.2/);
    expect(preview).toMatch(/EHR compatibility\s+Epic; Oracle Health \(Cerner Millennium\)/);
    expect(preview).toMatch(/Signature\s+none/);
    expect(preview).toContain('WARNING: This model card may be for another product: the card is for "Lumen Chest X-ray Triage", the system is "Aurora Stroke Detect"');
    expect(preview).toMatch(/Developer\s+Northwind Imaging AI Ltd\s+Brightwater Medical/);
    expect(preview).toMatch(/Usefulness, usability and efficacy\s+Specificity\s+94\.83% \(95% CI 89\.08% to 98\.08%\)/);
    expect(preview).toMatch(/VT-DEV-04\s+fill\s+Yes/);
    expect(preview).toContain('Run again with --apply --confirm-mismatch');

    const refused = vigil(['vendor', 'model-card', assessment.id, card, '--apply', '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^vigil: This model card may be for another product: .* Nothing was written\./);
    expect((JSON.parse(ok(['assessments', 'show', assessment.id, '--json'])) as AssessmentDetail).answers).toEqual([]);

    expect(ok(['vendor', 'model-card', assessment.id, card, '--apply', '--confirm-mismatch'])).toMatch(/^Applied although the card is for "Lumen Chest X-ray Triage", the system is "Aurora Stroke Detect".* \(confirmed; recorded in the ledger\)\.\nFilled 5 answer/);
  });

  it('refuses a file that is not a model card in one readable sentence', () => {
    const system = JSON.parse(ok(['systems', 'add', '--name', 'Lumen Chest X-ray Triage', '--vendor', 'Northwind Imaging AI', '--json'])) as { id: string };
    const assessment = JSON.parse(ok(['assessments', 'start', '--system', system.id, '--stage', 'procurement', '--json'])) as AssessmentDetail;
    const pdf = join(dir, 'card.pdf');
    writeFileSync(pdf, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0]), Buffer.from('\n<?xpacket begin=""?>\n')]));
    const refused = vigil(['vendor', 'model-card', assessment.id, pdf, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe("vigil: This file is not a CHAI Applied Model Card: it is a PDF document. Choose the model card's XML file (its top element is <AppliedModelCard>), as published by the vendor.\n");
  });

  it('attaches the card byte for byte (byte-order mark, CRLF, non-ASCII) and refuses invalid UTF-8 with VALIDATION_FAILED, writing nothing', () => {
    const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    const system = JSON.parse(ok(['systems', 'add', '--name', 'Lumen Chest X-ray Triage', '--vendor', 'Northwind Imaging AI', '--json'])) as { id: string };
    const assessment = JSON.parse(ok(['assessments', 'start', '--system', system.id, '--stage', 'procurement', '--json'])) as AssessmentDetail;

    // One bad byte (0xC3 without its continuation) in an otherwise good card: refused, not repaired.
    const broken = join(dir, 'broken-card.xml');
    writeFileSync(broken, Buffer.concat([awkwardCardBytes.subarray(0, 200), Buffer.from([0xc3, 0x28]), awkwardCardBytes.subarray(200)]));
    const refused = vigil(['vendor', 'model-card', assessment.id, broken, '--apply', '--db', db, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr)).toEqual({
      error: { code: 'VALIDATION_FAILED', message: `${broken} is not valid UTF-8 text, so it cannot be the file it claims to be (a PDF, a Word document or an image is not a text file). Nothing was read or written.` },
    });
    let detail = JSON.parse(ok(['assessments', 'show', assessment.id, '--json'])) as AssessmentDetail;
    expect(detail.answers).toEqual([]);
    expect(detail.evidence).toEqual([]);

    const card = join(dir, 'lumen-crlf.xml');
    writeFileSync(card, awkwardCardBytes);
    const applied = JSON.parse(ok(['vendor', 'model-card', assessment.id, card, '--apply', '--json'])) as ModelCardResult;
    expect(applied.preview.sha256).toBe(sha256(awkwardCardBytes));
    detail = JSON.parse(ok(['assessments', 'show', assessment.id, '--json'])) as AssessmentDetail;
    expect(detail.evidence).toEqual([expect.objectContaining({ id: applied.evidenceId, fileName: 'lumen-crlf.xml', sha256: sha256(awkwardCardBytes), size: awkwardCardBytes.length })]);
    const saved = join(dir, 'saved-card.xml');
    ok(['evidence', 'get', applied.evidenceId ?? '', '--out', saved]);
    expect(sha256(readFileSync(saved))).toBe(sha256(awkwardCardBytes));
  });
});
