import { Document } from 'docx';
import { xmlSafeDeep } from './export-text.ts';
import type { RegisterModel } from './register-model.ts';
import { appendixBlocks } from './register-sections/appendix.ts';
import { authorWords, cover, documentControlFacts } from './register-sections/cover.ts';
import { decisionSummaryBlocks } from './register-sections/decision-summary.ts';
import { definitionBlocks } from './register-sections/definitions.ts';
import { glossaryBlocks } from './register-sections/glossary.ts';
import { heatmapBlocks } from './register-sections/heatmap.ts';
import { monitoringChildren, type DrawChart } from './register-sections/monitoring.ts';
import { registerTableBlocks } from './register-sections/register-table.ts';
import { reviewRecordBlocks } from './register-sections/review-record.ts';
import { riskDetailBlocks } from './register-sections/risk-detail.ts';
import { signOffBlocks } from './register-sections/sign-off.ts';
import { systemPageBlocks } from './register-sections/system-pages.ts';
import { documentStatusWords } from './words.ts';
import { contentsBlocks } from './word/contents.ts';
import { documentStyles, tableStylesXml } from './word/document-styles.ts';
import { Outline } from './word/outline.ts';
import { documentProperties, section } from './word/page-frame.ts';
import { bodyParts, packWithParts } from './word/spliced-pack.ts';
import { blocksXml } from './word/xml-text.ts';

/*
 * The risk register as a Word document for the governance committee, in the order a member
 * reads it: cover with document control, contents, the one-page decision summary, a page per
 * system, heat maps, monitoring after go-live (charts, when any system has monitoring), the
 * register (landscape), risk detail, the review record, how risks are
 * rated, the glossary of framework references, the document's sign-off, and the answers
 * appendix only when asked for. A pure function of the model.
 *
 * The body (everything after the cover) can run to 40 MB of XML for a large hospital, so it is
 * written as text block by block (word/xml-text.ts) and spliced into the document docx builds
 * around it (word/spliced-pack.ts); docx still writes every other part and zips.
 */

export async function buildRegisterDocument(given: RegisterModel, onProgress?: (done: number, total: number) => void, drawChart?: DrawChart): Promise<Uint8Array> {
  const model = xmlSafeDeep(given);
  const { meta, style, documentControl: dc } = model;
  // The body first: writing it collects the headings the contents list.
  const outline = new Outline();
  const frontBody = await blocksXml([...decisionSummaryBlocks(model, outline), ...systemPageBlocks(model, outline), ...heatmapBlocks(model, outline)]);
  // Monitoring has pictures, so docx writes it (with their media) after the spliced front part.
  const monitoring = await monitoringChildren(model, outline, drawChart);
  const register = await blocksXml(registerTableBlocks(model, outline));
  const back = await blocksXml(
    (function* () {
      yield* riskDetailBlocks(model, outline, onProgress);
      yield* reviewRecordBlocks(model, outline);
      yield* definitionBlocks(model, outline);
      yield* glossaryBlocks(model, outline);
      yield* signOffBlocks(model, outline);
      yield* appendixBlocks(model, outline);
    })(),
  );
  const front = Buffer.concat([await blocksXml(contentsBlocks(outline.entries)), frontBody]);
  const parts = bodyParts(['front', 'register', 'back']);

  const author = authorWords(dc.author);
  const status = documentStatusWords(dc.status);
  const doc = new Document({
    ...documentProperties({
      title: meta.title,
      subject: `AI system security risk register: ${meta.scope}`,
      preparedBy: author,
      keywords: ['AI risk register', 'AI governance', 'healthcare', 'security', style.organisation],
      description: `Version ${dc.version} (${status.toLowerCase()}). Risk register of ${meta.selection ? `${meta.selection.risks} selected risks (of ${meta.selection.of})` : `${model.risks.length} risks`} across ${model.systems.length} systems, generated ${meta.generatedAt} at audit ledger entry ${meta.ledger.length} (head ${meta.ledger.head}).`,
    }),
    // Word asks to update fields on opening, which fills the contents' page references;
    // LibreOffice fills them from its own layout (word/contents.ts).
    features: { updateFields: true },
    externalStyles: tableStylesXml,
    styles: documentStyles(style),
    sections: [
      section(style, meta.title, 'portrait', [...cover(style, { title: meta.title, subtitle: `${meta.selection ? 'Selected risks from the security risk register' : 'Security risk register'} of AI systems — version ${dc.version}, ${status.toLowerCase()}`, facts: documentControlFacts(model) }), parts.front, ...monitoring]),
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
