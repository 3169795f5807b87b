import { AlignmentType, LeaderType, LineRuleType, TabStopType, type IStylesOptions } from 'docx';
import { tableStyleId } from './ooxml.ts';
import { textWidth } from './page-size.ts';
import type { ReportStyle } from '../register-model.ts';

/*
 * Every look the exported documents use, declared once as named Word styles (docx's demo
 * style). Content refers to styles by id, so the XML of thousands of rows carries a style id
 * rather than its own fonts and colours, and a reader can restyle the whole document in Word.
 */

/** Style ids used by the document builders. */
export const styleIds = {
  // Not Word's built-in Title/Subtitle ids: LibreOffice maps those onto its own styles and loses their look.
  title: 'CoverTitle',
  subtitle: 'CoverSubtitle',
  heading1: 'Heading1',
  heading2: 'Heading2',
  heading3: 'Heading3',
  contentsTitle: 'ContentsTitle',
  // Word's own ids for contents entries, so Word's "Update Table" keeps their look.
  contents1: 'TOC1',
  contents2: 'TOC2',
  muted: 'Muted',
  listItem: 'ListItem',
  checkbox: 'Checkbox',
  coverLine: 'CoverLine',
  mono: 'Mono',
  /** A chart's picture, kept with its caption and table; and the caption under it. */
  figure: 'Figure',
  caption: 'FigureCaption',
  /** Character styles. */
  label: 'Label',
  mutedText: 'MutedText',
  monoText: 'MonoText',
} as const;

const pt = (points: number) => Math.round(points * 2); // run sizes are in half-points
const before = (points: number) => Math.round(points * 20); // spacing is in twentieths of a point

export function documentStyles(style: ReportStyle): IStylesOptions {
  const { colours, font } = style;
  const heading = (size: number, colour: string, spaceBefore: number) => ({
    run: { font, size: pt(size), bold: true, color: colour },
    paragraph: { spacing: { before: before(spaceBefore), after: before(4) }, keepNext: true, keepLines: true },
  });
  return {
    default: {
      // Body text is Normal itself: the tens of thousands of detail paragraphs then need no style.
      document: { run: { font, size: pt(10) }, paragraph: { spacing: { after: before(6), line: 264, lineRule: LineRuleType.AUTO } } },
      heading1: heading(16, colours.heading, 18),
      heading2: heading(13, colours.heading, 14),
      heading3: heading(11, colours.accent, 10),
    },
    paragraphStyles: [
      { id: styleIds.contentsTitle, name: 'Contents Title', basedOn: 'Normal', next: 'Normal', run: { size: pt(16), bold: true, color: colours.heading }, paragraph: { spacing: { before: before(18), after: before(8) } } },
      ...([1, 2] as const).map((level) => ({
        id: level === 1 ? styleIds.contents1 : styleIds.contents2,
        name: `toc ${level}`,
        basedOn: 'Normal',
        next: 'Normal',
        run: level === 1 ? { bold: true } : {},
        // The page number at the right margin, dots leading to it.
        paragraph: { indent: { left: (level - 1) * 360 }, spacing: { before: before(level === 1 ? 4 : 0), after: before(2) }, tabStops: [{ type: TabStopType.RIGHT, position: textWidth.portrait, leader: LeaderType.DOT }] },
      })),
      { id: styleIds.title, name: 'Cover Title', basedOn: 'Normal', next: 'Normal', run: { size: pt(26), bold: true, color: colours.heading }, paragraph: { spacing: { after: before(8) } } },
      { id: styleIds.subtitle, name: 'Cover Subtitle', basedOn: 'Normal', next: 'Normal', run: { size: pt(14), color: colours.accent }, paragraph: { spacing: { after: before(18) } } },
      { id: styleIds.muted, name: 'Muted', basedOn: 'Normal', next: 'Normal', run: { size: pt(9), color: colours.muted } },
      { id: styleIds.listItem, name: 'List Item', basedOn: 'Normal', next: styleIds.listItem, paragraph: { indent: { left: 360, hanging: 240 }, spacing: { after: before(2) } } },
      { id: styleIds.checkbox, name: 'Checkbox Line', basedOn: 'Normal', next: styleIds.checkbox, paragraph: { indent: { left: 360 }, spacing: { after: before(2) } } },
      { id: styleIds.coverLine, name: 'Cover Line', basedOn: 'Normal', next: styleIds.coverLine, run: { size: pt(11) }, paragraph: { spacing: { after: before(6) } } },
      { id: styleIds.figure, name: 'Figure', basedOn: 'Normal', next: styleIds.caption, paragraph: { alignment: AlignmentType.CENTER, keepNext: true, keepLines: true, spacing: { before: before(6), after: before(2) } } },
      { id: styleIds.caption, name: 'Figure Caption', basedOn: 'Normal', next: 'Normal', run: { size: pt(9), italics: true, color: colours.muted }, paragraph: { keepNext: true, spacing: { after: before(6) } } },
      { id: styleIds.mono, name: 'Fingerprint', basedOn: 'Normal', next: 'Normal', run: { font: 'Consolas', size: pt(8.5) } },
    ],
    characterStyles: [
      { id: styleIds.label, name: 'Label', basedOn: 'DefaultParagraphFont', run: { bold: true, color: colours.accent } },
      { id: styleIds.mutedText, name: 'Muted Text', basedOn: 'DefaultParagraphFont', run: { color: colours.muted } },
      { id: styleIds.monoText, name: 'Fingerprint Text', basedOn: 'DefaultParagraphFont', run: { font: 'Consolas' } },
    ],
  };
}

const grid = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>`).join('');
const margins = ['top', 'left', 'bottom', 'right'].map((side) => `<w:${side} w:w="${side === 'top' || side === 'bottom' ? 40 : 80}" w:type="dxa"/>`).join('');

/**
 * The table style every table uses, as styles.xml text for docx's `externalStyles` (docx has
 * no option for table styles; its defaults and the styles above are merged with it). Its
 * paragraph and run properties apply to every cell's paragraphs, so tens of thousands of
 * cells need no style or spacing of their own.
 */
export const tableStylesXml =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  `<w:style w:type="table" w:customStyle="1" w:styleId="${tableStyleId}"><w:name w:val="Vigil Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>` +
  '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr>' +
  `<w:tblPr><w:tblBorders>${grid}</w:tblBorders><w:tblCellMar>${margins}</w:tblCellMar></w:tblPr></w:style>` +
  '</w:styles>';
