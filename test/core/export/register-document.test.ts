// The Word risk register read back from its XML: every risk, sign-off and evidence hash is in
// it, headings are real Word headings, the header row repeats, the footer carries the
// confidentiality marking and page numbers, and awkward text survives exactly.
import { describe, expect, it } from 'vitest';
import { buildRegisterDocument } from '../../../electron/core/export/register-document.ts';
import { assertWellFormedXml, docxPart, docxText, wordText, zipEntryNames } from '../../support/read-docx.ts';
import { committeeRegister, ledgerHead, makeAppendix, makeRisk, registerModel, syntheticRegister } from '../../support/register-model-fixture.ts';

describe('buildRegisterDocument', () => {
  it('holds every risk, sign-off, evidence file and the ledger head', async () => {
    const model = registerModel();
    const docx = await buildRegisterDocument(model);
    const xml = docxPart(docx);
    assertWellFormedXml(xml);
    const text = docxText(docx);
    for (const risk of model.risks) {
      for (const value of [risk.id, risk.threatName, risk.systemName, risk.description, risk.clinicalConsequence, ...risk.why]) expect(text).toContain(value);
      for (const gap of risk.gaps) expect(text).toContain(gap.text);
      for (const ref of risk.references) expect(text).toContain(ref.ids.join(', '));
    }
    for (const review of model.reviews) {
      for (const s of [...review.signOffs, ...review.previousRounds.flat()]) {
        for (const value of [s.name, s.role, s.decision, s.comment]) expect(text).toContain(value);
        for (const c of s.conditions) expect(text).toContain(`${c.text} — ${c.owner}, due ${c.due}`);
      }
    }
    for (const a of model.appendix) {
      for (const answer of a.answers) for (const value of [answer.questionId, answer.question, answer.answer]) expect(text).toContain(value);
      for (const e of a.evidence) {
        expect(text).toContain(e.fileName);
        expect(text).toContain(e.sha256);
      }
    }
    expect(text).toContain(ledgerHead);
    expect(text).toContain('4321 entries');
    expect(text).toContain(model.style.organisation);
  });

  it('states acceptance, expiry and who granted it, and flags an expired one', async () => {
    const text = docxText(await buildRegisterDocument(registerModel()));
    expect(text).toContain('Acceptance — EXPIRED');
    expect(text).toContain('No alternative product exists.');
    expect(text).toContain('Prof Chair (Committee chair), 2025-07-01 12:00 UTC');
    expect(text).toContain('Deploy monitoring dashboard — IT security, due 2026-08-01');
  });

  it('says plainly when nothing awaits the committee, and leaves the answers appendix out unless asked', async () => {
    const base = registerModel();
    const model = registerModel({ committee: { ...base.committee, decisions: [] }, withAnswers: false });
    const text = docxText(await buildRegisterDocument(model));
    const summary = text.slice(text.indexOf('\nDecision summary\n'), text.indexOf('\nSystems in scope\n'));
    expect(summary).toContain('Decisions asked of the committee\nNone: nothing awaits the committee’s decision.');
    expect(text).not.toContain('Appendix: answers and evidence');
    expect(text).not.toContain(base.appendix[0]?.answers[0]?.question ?? '(none)');
    expect(docxText(await buildRegisterDocument(registerModel({ withAnswers: true })))).toContain('Appendix: answers and evidence');
  });

  it('never says "Prepared by root": an author nobody chose is said so in words', async () => {
    const base = registerModel();
    const text = docxText(await buildRegisterDocument(registerModel({ documentControl: { ...base.documentControl, author: 'os:root (no person chosen)', previous: null } })));
    expect(text).not.toMatch(/Prepared by|os:root/);
    expect(text).toContain('Author\nNot named: no person was chosen in Vigil when it was exported (computer account “root”)');
    expect(text).toContain('Previous version\nNone: this is the first register exported');
  });

  it('builds titles from their parts once, and words every code from the label map', async () => {
    const text = docxText(await buildRegisterDocument(committeeRegister()));
    // The review's stored title already names the system; the heading does not repeat it.
    expect(text).toContain('Ambient clinical scribe: routine use assessment');
    expect(text).not.toMatch(/of Ambient clinical scribe of Ambient clinical scribe/i);
    expect(text).not.toContain('Routine use assessment of Ambient clinical scribe');
    for (const words of ['Committee chair', 'Approve with conditions', 'Approved with conditions', 'In use', 'Re-assessment due', 'Mitigate: Add drift monitoring']) expect(text).toContain(words);
    // Flags are shown where the risk is, in the register table and the risk detail.
    expect(text.match(/Acceptance requested and granted by the same person \(Prof Chair\)/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('uses Word heading styles, a repeating header row, the register columns and shaded band cells', async () => {
    const xml = docxPart(await buildRegisterDocument(registerModel()));
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading3"/>');
    expect(xml).toContain('<w:tblHeader/>');
    expect(wordText(xml).replaceAll('\u00A0', ' ')).toContain('ID\nSystem\nSource assessment\nThreat\nInherent L × I\nKey controls\nResidual L × I\nBand\nOwner\nTreatment\nDue date\nStatus\n');
    expect(xml).toMatch(/<w:shd w:val="clear" w:color="auto" w:fill="C92A2A"\/>/);
    expect(xml).toContain('w:orient="landscape"');
    // Contents lines end in a PAGEREF to their heading's bookmark (word/contents.ts).
    expect(xml).toMatch(/<w:hyperlink w:anchor="_TocVigil1"[^>]*>.*?<w:instrText xml:space="preserve"> PAGEREF _TocVigil1 \\h <\/w:instrText>/);
    expect(xml).toContain('<w:bookmarkStart w:id="100000" w:name="_TocVigil1"/>');
  });

  it('asks Word to update fields on opening, so the contents get their page numbers', async () => {
    const settings = docxPart(await buildRegisterDocument(registerModel()), 'word/settings.xml');
    expect(settings).toMatch(/<w:updateFields( w:val="(true|1)")?\/>/);
  });

  it('puts the confidentiality marking and "Page X of Y" in the footer', async () => {
    const model = registerModel();
    const docx = await buildRegisterDocument(model);
    const footers = zipEntryNames(docx).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    expect(footers.length).toBeGreaterThan(0);
    for (const name of footers) {
      const xml = docxPart(docx, name);
      expect(wordText(xml)).toContain(model.style.confidentiality);
      expect(xml).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(xml).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    }
  });

  it('sets the document properties', async () => {
    const core = docxPart(await buildRegisterDocument(registerModel()), 'docProps/core.xml');
    expect(core).toContain('<dc:title>AI risk register</dc:title>');
    expect(core).toContain('<dc:subject>AI system security risk register: All systems</dc:subject>');
    expect(core).toContain('<dc:creator>Dr Grace Preparer (Assessor)</dc:creator>');
    expect(core).toMatch(/<cp:keywords>[^<]*AI risk register[^<]*<\/cp:keywords>/);
    expect(core).toContain(ledgerHead);
  });

  it('includes the logo when the style has one, and builds without one', async () => {
    const withLogo = await buildRegisterDocument(registerModel());
    expect(zipEntryNames(withLogo).some((n) => n.startsWith('word/media/'))).toBe(true);
    const base = registerModel();
    const without = await buildRegisterDocument(registerModel({ style: { ...base.style, logo: null } }));
    expect(zipEntryNames(without).some((n) => n.startsWith('word/media/'))).toBe(false);
  });

  it('keeps special characters, right-to-left text, emoji and very long answers exactly', async () => {
    const nasty = `<script>alert("x") & 'y'</script>`;
    const arabic = 'مرحبا بالعالم';
    const hebrew = 'שלום עולם';
    const emoji = '🩺🧬👩‍⚕️';
    const long = Array.from({ length: 10_000 }, (_, i) => 'abcdefghij'[i % 10]).join('');
    const model = registerModel({
      risks: [makeRisk(7, { threatName: nasty, owner: arabic, description: `${hebrew} — ${emoji}`, clinicalConsequence: `Mixed ${arabic} in English` })],
      appendix: [makeAppendix({ answers: [{ questionId: 'PR-LONG-01', question: emoji, answer: long, source: 'Vendor', answeredBy: hebrew, answeredAt: '2026-01-01T00:00:00.000Z', flagged: false }] })],
    });
    const docx = await buildRegisterDocument(model);
    const xml = docxPart(docx);
    assertWellFormedXml(xml);
    const text = wordText(xml);
    for (const value of [nasty, arabic, hebrew, emoji, long, `${hebrew} — ${emoji}`, `Mixed ${arabic} in English`]) expect(text).toContain(value);
    expect(xml).toContain('&lt;script&gt;');
    // Right-to-left stretches are marked on their runs; an Arabic-only cell is a right-to-left paragraph.
    expect(xml).toMatch(/<w:rtl\/><\/w:rPr><w:t>مرحبا بالعالم<\/w:t>/);
    expect(xml).toContain('<w:bidi/>');
  });

  it('drops only the control characters XML cannot carry, keeping line breaks and tabs', async () => {
    const model = registerModel({ risks: [makeRisk(3, { description: 'a\u0000b\u0007c\u001Fd\uFFFEe\uD800f\tg\nh\r\ni' })] });
    const xml = docxPart(await buildRegisterDocument(model));
    assertWellFormedXml(xml);
    expect(wordText(xml)).toContain('abcdef\tg\nh\ni');
  });

  it('reports progress while writing the risk detail', async () => {
    const calls: [number, number][] = [];
    await buildRegisterDocument(registerModel(), (done, total) => calls.push([done, total]));
    expect(calls.at(-1)).toEqual([2, 2]);
  });

  it('hands the event loop back while it writes a long register, so its progress can be read meanwhile', async () => {
    const model = syntheticRegister({ risks: 1500, systems: 60, answersPerAssessment: 10 });
    let latest = 0;
    const seenByTimer = new Set<number>();
    // A timer runs only when the build lets go of the event loop, as a progress call would.
    const timer = setInterval(() => seenByTimer.add(latest), 1);
    try {
      await buildRegisterDocument(model, (done) => {
        latest = done;
      });
    } finally {
      clearInterval(timer);
    }
    expect([...seenByTimer].filter((done) => done > 0 && done < 1500).length).toBeGreaterThan(0);
  });
});
