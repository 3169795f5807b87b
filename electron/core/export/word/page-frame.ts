import {
  AlignmentType,
  Footer,
  Header,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
  type IPropertiesOptions,
  type ISectionOptions,
  type ISectionPropertiesOptions,
} from 'docx';
import { directionalStretches, isRtlParagraph, linesOf } from '../export-text.ts';
import type { ReportStyle } from '../register-model.ts';
import { styleIds } from './document-styles.ts';
import { a4, landscapeMargin, portraitMargin } from './page-size.ts';

/*
 * What every page of an exported document carries: A4 pages, the organisation and title at
 * the top, the confidentiality marking and "Page X of Y" at the bottom, and the document
 * properties a records system indexes.
 */

export { textWidth } from './page-size.ts';

export function pageProperties(orientation: 'portrait' | 'landscape'): ISectionPropertiesOptions {
  const margin = orientation === 'portrait' ? portraitMargin : landscapeMargin;
  return {
    page: {
      // docx writes the long side as the width itself when the orientation is landscape.
      size: { width: a4.width, height: a4.height, orientation: orientation === 'portrait' ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE },
      margin: { top: portraitMargin, bottom: portraitMargin, left: margin, right: margin, header: 567, footer: 567 },
    },
  };
}

/** docx TextRuns for a text from the (XML-safe, export-text.ts) model: line breaks kept, right-to-left stretches marked. */
export function docxRuns(text: string, look: { bold?: boolean; size?: number; colour?: string; style?: string } = {}): TextRun[] {
  const out: TextRun[] = [];
  for (const stretch of directionalStretches(text)) {
    linesOf(stretch.text).forEach((line, i) => {
      out.push(new TextRun({ text: line, break: i > 0 ? 1 : undefined, rightToLeft: stretch.rtl || undefined, bold: look.bold, size: look.size, color: look.colour, style: look.style }));
    });
  }
  return out;
}

/** A docx Paragraph of one text, right to left when the text reads that way. */
export const docxPara = (text: string, options: { style?: string; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}, look: Parameters<typeof docxRuns>[1] = {}): Paragraph =>
  new Paragraph({ ...options, bidirectional: isRtlParagraph(text) || undefined, children: docxRuns(text, look) });

export function pageHeader(style: ReportStyle, title: string): Header {
  return new Header({ children: [docxPara(`${style.organisation} · ${title}`, { style: styleIds.muted, alignment: AlignmentType.RIGHT })] });
}

export function pageFooter(style: ReportStyle): Footer {
  return new Footer({
    children: [
      docxPara(style.confidentiality, { style: styleIds.muted, alignment: AlignmentType.CENTER }, { bold: true, colour: style.colours.heading }),
      new Paragraph({
        style: styleIds.muted,
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });
}

/** A section with the common header and footer. */
export function section(style: ReportStyle, title: string, orientation: 'portrait' | 'landscape', children: ISectionOptions['children']): ISectionOptions {
  return {
    properties: pageProperties(orientation),
    headers: { default: pageHeader(style, title) },
    footers: { default: pageFooter(style) },
    children,
  };
}

/** Document properties (File > Info in Word; what a records system indexes). */
export function documentProperties(p: { title: string; subject: string; preparedBy: string; keywords: string[]; description: string }): Omit<IPropertiesOptions, 'sections'> {
  return {
    title: p.title,
    subject: p.subject,
    creator: p.preparedBy,
    lastModifiedBy: p.preparedBy,
    keywords: p.keywords.join(', '),
    description: p.description,
  };
}
