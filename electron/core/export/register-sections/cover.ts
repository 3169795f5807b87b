import { AlignmentType, ImageRun, Paragraph, TableOfContents, type FileChild } from 'docx';
import type { ReportStyle } from '../register-model.ts';
import { factTable } from '../word/blocks.ts';
import { styleIds } from '../word/document-styles.ts';
import { LazyBlocks, textPara, type Xml } from '../word/ooxml.ts';
import type { OutlineEntry } from '../word/outline.ts';
import { textWidth } from '../word/page-frame.ts';

/*
 * The cover: who the document is from and for, what it covers, and the audit-ledger head it
 * was written at, so `vigil audit verify` can show later that every figure in it came from an
 * unaltered record. Then the contents, filled in from the headings.
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

/**
 * "Contents" and a Word table of contents of the level 1 and 2 headings, each entry linked to
 * its heading. Given its entries (`Outline`) when the body is written outside docx; left to
 * docx to fill from the headings otherwise. Word fills in the page numbers when it updates the
 * contents, which it offers to do on opening.
 */
export function contents(entries?: OutlineEntry[]): FileChild[] {
  return [
    // Not a Heading1: the contents must not list itself.
    new LazyBlocks(() => [textPara('Contents', { style: styleIds.contentsTitle, pageBreakBefore: true })]),
    new TableOfContents('Contents', {
      hyperlink: true,
      headingStyleRange: '1-2',
      ...(entries ? { cachedEntries: entries.map((e) => ({ title: e.title, level: e.level, href: e.href })) } : {}),
    }),
  ];
}
