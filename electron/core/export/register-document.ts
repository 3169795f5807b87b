import { Document } from 'docx';
import type { RegisterModel } from './register-model.ts';
import { appendixBlocks } from './register-sections/appendix.ts';
import { contents, cover } from './register-sections/cover.ts';
import { heatmapBlocks } from './register-sections/heatmap.ts';
import { registerTableBlocks } from './register-sections/register-table.ts';
import { reviewRecordBlocks } from './register-sections/review-record.ts';
import { riskDetailBlocks } from './register-sections/risk-detail.ts';
import { summaryBlocks } from './register-sections/summary.ts';
import { dateTime } from './word/blocks.ts';
import { documentStyles, tableStylesXml } from './word/document-styles.ts';
import { Outline } from './word/outline.ts';
import { documentProperties, section } from './word/page-frame.ts';
import { bodyParts, packWithParts } from './word/spliced-pack.ts';
import { blocksXml } from './word/xml-text.ts';

/*
 * The risk register as a Word document for the governance committee: cover, contents,
 * executive summary, heat maps, the register (landscape), risk detail, the review record and
 * the appendix of answers and evidence. A pure function of the model.
 *
 * The body (everything after the contents) can run to 40 MB of XML for a large hospital, so it
 * is written as text block by block (word/xml-text.ts) and spliced into the document docx
 * builds around it (word/spliced-pack.ts); docx still writes every other part and zips.
 */

export async function buildRegisterDocument(model: RegisterModel, onProgress?: (done: number, total: number) => void): Promise<Uint8Array> {
  const { meta, style } = model;
  // The body first: writing it collects the headings the contents list.
  const outline = new Outline();
  const front = await blocksXml([...summaryBlocks(model, outline), ...heatmapBlocks(model, outline)]);
  const register = await blocksXml(registerTableBlocks(model, outline));
  const back = await blocksXml((function* () {
    yield* riskDetailBlocks(model, outline, onProgress);
    yield* reviewRecordBlocks(model, outline);
    yield* appendixBlocks(model, outline);
  })());
  const parts = bodyParts(['front', 'register', 'back']);

  const facts: [string, string][] = [
    ['Scope', meta.scope],
    ['Date', dateTime(meta.generatedAt)],
    ['Prepared by', meta.preparedBy],
    ['Systems', String(model.systems.length)],
    ['Risks', String(model.risks.length)],
    ['Ledger head', meta.ledger.head],
    ['Ledger length', `${meta.ledger.length} entries`],
    ['Vigil version', meta.appVersion],
  ];
  const doc = new Document({
    ...documentProperties({
      title: meta.title,
      subject: `AI system security risk register: ${meta.scope}`,
      preparedBy: meta.preparedBy,
      keywords: ['AI risk register', 'AI governance', 'healthcare', 'security', style.organisation],
      description: `Risk register of ${model.risks.length} risks across ${model.systems.length} systems, generated ${meta.generatedAt} at audit ledger entry ${meta.ledger.length} (head ${meta.ledger.head}).`,
    }),
    // Word asks to update fields on opening, which fills the contents' page numbers.
    features: { updateFields: true },
    externalStyles: tableStylesXml,
    styles: documentStyles(style),
    sections: [
      section(style, meta.title, 'portrait', [...cover(style, { title: meta.title, subtitle: 'Security risk register of AI systems', facts }), ...contents(outline.entries), parts.front]),
      section(style, meta.title, 'landscape', [parts.register]),
      section(style, meta.title, 'portrait', [parts.back]),
    ],
  });
  return packWithParts(doc, [
    { part: parts.front, xml: front },
    { part: parts.register, xml: register },
    { part: parts.back, xml: back },
  ]);
}
