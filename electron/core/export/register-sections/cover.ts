import { AlignmentType, ImageRun, Paragraph, type FileChild } from 'docx';
import type { RegisterModel, ReportStyle } from '../register-model.ts';
import { dateTime, factTable } from '../word/blocks.ts';
import { styleIds } from '../word/document-styles.ts';
import { LazyBlocks, textPara, type Xml } from '../word/ooxml.ts';
import { textWidth } from '../word/page-frame.ts';
import { count } from '../../committee/words.ts';
import { documentStatusWords, personWithRole, selectionWords } from '../words.ts';

/*
 * The cover: who the document is from and for, what it covers, its document control (version,
 * draft or final, author, approvers, next review, the version before it) and the audit-ledger
 * head it was written at, so `vigil audit verify` can show later that every figure in it came
 * from an unaltered record.
 */

export interface CoverFacts {
  title: string;
  subtitle: string;
  facts: [string, string][];
}

/** The logo, when the report template has one. */
export function logo(style: ReportStyle): Paragraph[] {
  if (!style.logo) return [];
  const { data, type, width, height } = style.logo;
  return [new Paragraph({ alignment: AlignmentType.LEFT, spacing: { after: 240 }, children: [new ImageRun({ type, data, transformation: { width, height }, altText: { name: 'Logo', title: `${style.organisation} logo`, description: `${style.organisation} logo` } })] })];
}

export function cover(style: ReportStyle, facts: CoverFacts): FileChild[] {
  return [
    ...logo(style),
    new LazyBlocks(() => {
      const blocks: Xml[] = [
        textPara(style.organisation, { style: styleIds.subtitle }),
        textPara(facts.title, { style: styleIds.title }),
        textPara(facts.subtitle, { style: styleIds.coverLine }),
        factTable(facts.facts, [2600, textWidth.portrait - 2600], style, ['Ledger head']),
        textPara(style.confidentiality, { style: styleIds.coverLine }, { bold: true, colour: style.colours.heading }),
      ];
      return blocks;
    }),
  ];
}

/** "os:root (no person chosen)" is how the collector names an author nobody chose: said in words, never as a login. */
const unnamedAuthor = /^os:(.*?)\s*\(no person chosen\)$/;

export function authorWords(author: string): string {
  const unnamed = unnamedAuthor.exec(author);
  if (!unnamed) return author || 'Not named';
  return `Not named: no person was chosen in Vigil when it was exported (computer account “${unnamed[1] ?? ''}”)`;
}

/** The register's cover facts: document control first, then what it covers and the ledger it was written at. */
export function documentControlFacts(model: RegisterModel): [string, string][] {
  const { meta, documentControl: dc } = model;
  const status = documentStatusWords(dc.status);
  return [
    ['Organisation', model.style.organisation],
    ['Version', `${dc.version} (${status.toLowerCase()})`],
    ['Status', dc.status === 'draft' ? `${status}: for discussion, not yet approved` : `${status}: for approval and signature`],
    ['Author', authorWords(dc.author)],
    ['Approvers', dc.approvers.length ? dc.approvers.map((a) => personWithRole(a.name, a.role)).join('\n') : 'None named in Settings → People'],
    ['Date', dateTime(meta.generatedAt)],
    ['Next review', dc.nextReview || '—'],
    ['Previous version', dc.previous ? `Version ${dc.previous.version}, ${dateTime(dc.previous.at)}, by ${authorWords(dc.previous.by)}` : 'None: this is the first register exported'],
    ['Scope', meta.scope],
    ...(meta.selection ? [['Selection', selectionWords(meta.selection)] as [string, string]] : []),
    ['Contents', `${count(model.committee.systems.length || model.systems.length, 'system', 'systems')}, ${meta.selection ? count(model.risks.length, 'selected risk', 'selected risks') : count(model.risks.length, 'current risk', 'current risks')}`],
    ['Ledger head', meta.ledger.head],
    ['Ledger length', `${meta.ledger.length} entries`],
    ['Vigil version', meta.appVersion],
  ];
}
