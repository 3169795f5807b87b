import { FileChild, XmlComponent, type BaseXmlComponent, type IXmlableObject } from 'docx';
import { directionalStretches, hasRtl, isRtlParagraph, linesOf } from '../export-text.ts';

/*
 * A lightweight way to write the bulky, repetitive parts of a document (thousands of table
 * rows and detail paragraphs). docx's own Paragraph/TextRun/TableCell objects each carry a
 * tree of option objects that is kept alive until the document is packed, and then turned into
 * a second tree for serialisation; for a 5,000-risk register that doubles the heap and the GC
 * work. Here the parts are built straight in docx's serialisable form ({ "w:p": [...] }), with
 * the property objects that repeat thousands of times (run and paragraph properties, cell
 * shading) shared rather than copied. They are written either by docx itself (LazyBlocks, for
 * the small documents) or as text by xml-text.ts, which writes the same bytes (the large
 * register body); either way docx zips the package.
 *
 * Only element shapes the schema allows are written, children in schema order.
 */

export type Xml = IXmlableObject;

// ---- building blocks ----------------------------------------------------------------------

/** A component written as a ready-made element. */
class PreparedXml extends XmlComponent {
  readonly #xml: Xml;

  constructor(xml: Xml) {
    super(Object.keys(xml)[0] ?? 'w:p');
    this.#xml = xml;
  }

  override prepForXml(): Xml {
    return this.#xml;
  }
}

/**
 * Body content (paragraphs and tables) built only when docx writes the body, so the elements
 * exist once, as the serialisable tree, for as long as serialising takes. docx writes a
 * component's `writtenAs` parts in its place, one after another.
 */
export class LazyBlocks extends FileChild {
  readonly #build: () => Xml[];

  constructor(build: () => Xml[]) {
    super('w:p');
    this.#build = build;
  }

  override get writtenAs(): readonly BaseXmlComponent[] {
    return this.#build().map((xml) => new PreparedXml(xml));
  }
}

const empty = (name: string): Xml => ({ [name]: {} });
const withAttrs = (name: string, attrs: Record<string, string | number>): Xml => ({ [name]: { _attr: attrs } });

const preserve = { _attr: { 'xml:space': 'preserve' } };
const lineBreak = empty('w:br');
const tab = empty('w:tab');

export interface RunLook {
  /** A character style id declared in the document's styles. */
  style?: string;
  bold?: boolean;
  italic?: boolean;
  /** Hex colour without '#'. */
  colour?: string;
}

const runProps = new Map<string, Xml | null>();

/** Shared run properties: one object per look, however many runs use it. */
function rPr(look: RunLook | undefined, rtl: boolean): Xml | null {
  const key = `${look?.style ?? ''}|${look?.bold ? 1 : 0}|${look?.italic ? 1 : 0}|${look?.colour ?? ''}|${rtl ? 1 : 0}`;
  let props = runProps.get(key);
  if (props !== undefined) return props;
  // Schema order of CT_RPr: rStyle, b, bCs, i, iCs, color, rtl.
  const children: Xml[] = [];
  if (look?.style) children.push(withAttrs('w:rStyle', { 'w:val': look.style }));
  if (look?.bold) children.push(empty('w:b'), empty('w:bCs'));
  if (look?.italic) children.push(empty('w:i'), empty('w:iCs'));
  if (look?.colour) children.push(withAttrs('w:color', { 'w:val': look.colour }));
  if (rtl) children.push(empty('w:rtl'));
  props = children.length ? { 'w:rPr': children } : null;
  runProps.set(key, props);
  return props;
}

// Word drops leading and trailing spaces (and may fold runs of spaces) unless told to keep them.
const needsPreserve = /^\s|\s$|\s\s/;
const plain = /[\r\n\t]/;
const textElement = (text: string): Xml => ({ 'w:t': needsPreserve.test(text) ? [preserve, text] : text });

/**
 * Writes the runs of a paragraph. Consecutive text of the same look goes into one run (line
 * breaks included), so a block of many lines costs one run rather than one per line. Line
 * breaks become <w:br/>, tabs <w:tab/>, right-to-left stretches get their own run marked
 * <w:rtl/>. The text is XML-safe already: each document builder cleans its whole model once
 * (xmlSafeDeep in export-text.ts), and the written file is checked (check-docx-xml.ts).
 */
export class RunWriter {
  readonly runs: Xml[] = [];
  #children: Xml[] | null = null;
  #props: Xml | null = null;

  #append(props: Xml | null, child: Xml): void {
    if (this.#children && props === this.#props) {
      this.#children.push(child);
      return;
    }
    this.#children = props ? [props, child] : [child];
    this.#props = props;
    this.runs.push({ 'w:r': this.#children });
  }

  text(text: string, look?: RunLook): this {
    if (!plain.test(text) && !hasRtl(text)) {
      if (text) this.#append(rPr(look, false), textElement(text));
      return this;
    }
    for (const stretch of directionalStretches(text)) {
      const props = rPr(look, stretch.rtl);
      linesOf(stretch.text).forEach((line, i) => {
        if (i > 0) this.#append(props, lineBreak);
        line.split('\t').forEach((piece, j) => {
          if (j > 0) this.#append(props, tab);
          if (piece) this.#append(props, textElement(piece));
        });
      });
    }
    return this;
  }

  /** A line break: into the current run, whatever its look (a break has no visible formatting). */
  br(): this {
    this.#append(this.#props, lineBreak);
    return this;
  }
}

/** The runs of one piece of text. */
export const runs = (text: string, look?: RunLook): Xml[] => new RunWriter().text(text, look).runs;

export interface ParaLook {
  /** A paragraph style id declared in the document's styles. */
  style?: string;
  keepNext?: boolean;
  /** Right-to-left paragraph; by default worked out from the text's first strong letter. */
  bidi?: boolean;
  align?: 'left' | 'center' | 'right';
  pageBreakBefore?: boolean;
}

const paraProps = new Map<string, Xml | null>();

function pPr(look: ParaLook | undefined, bidi: boolean): Xml | null {
  const key = `${look?.style ?? ''}|${look?.keepNext ? 1 : 0}|${bidi ? 1 : 0}|${look?.align ?? ''}|${look?.pageBreakBefore ? 1 : 0}`;
  let props = paraProps.get(key);
  if (props !== undefined) return props;
  // Schema order of CT_PPr: pStyle, keepNext, pageBreakBefore, bidi, jc.
  const children: Xml[] = [];
  if (look?.style) children.push(withAttrs('w:pStyle', { 'w:val': look.style }));
  if (look?.keepNext) children.push(empty('w:keepNext'));
  if (look?.pageBreakBefore) children.push(empty('w:pageBreakBefore'));
  if (bidi) children.push(empty('w:bidi'));
  // In a right-to-left paragraph "start" is the right edge, so alignment is written as start/end.
  if (look?.align) children.push(withAttrs('w:jc', { 'w:val': look.align === 'left' ? 'start' : look.align === 'right' ? 'end' : 'center' }));
  props = children.length ? { 'w:pPr': children } : null;
  paraProps.set(key, props);
  return props;
}

/** A paragraph of runs. */
export function para(content: Xml[], look?: ParaLook, bidi = false): Xml {
  const props = pPr(look, look?.bidi ?? bidi);
  return { 'w:p': props ? [props, ...content] : content.length ? content : {} };
}

/** A paragraph of one text, its direction taken from the text. */
export const textPara = (text: string, look?: ParaLook, run?: RunLook): Xml => para(runs(text, run), look, isRtlParagraph(text));

/** A paragraph of labelled parts, e.g. "Owner: " + "Dr Patel"; direction from the values. */
export function labelled(parts: { label?: string; text: string; look?: RunLook }[], look?: ParaLook, labelLook?: RunLook): Xml {
  const w = new RunWriter();
  for (const part of parts) {
    if (part.label) w.text(part.label, labelLook);
    w.text(part.text, part.look);
  }
  return para(w.runs, look, isRtlParagraph(parts.map((p) => p.text).join(' ')));
}

// ---- tables -------------------------------------------------------------------------------

export interface TableLook {
  /** Hex colour of the grid lines, when not the table style's grey grid. */
  border?: string;
  /** Centre the table between the margins. */
  centred?: boolean;
}

/** The table style every table uses (declared in document-styles.ts): grid lines, cell margins and the compact text of cells. */
export const tableStyleId = 'VigilTable';

const borderSides = ['w:top', 'w:left', 'w:bottom', 'w:right', 'w:insideH', 'w:insideV'];
const gridBorders = (colour: string): Xml => ({
  'w:tblBorders': borderSides.map((side) => withAttrs(side, { 'w:val': 'single', 'w:sz': 4, 'w:space': 0, 'w:color': colour })),
});
const tableBorders = new Map<string, Xml>();

/** A table with fixed column widths (twentieths of a point): rows keep their layout on every page. */
export function table(widths: readonly number[], rows: Xml[], look: TableLook = {}): Xml {
  const total = widths.reduce((a, b) => a + b, 0);
  // Schema order of CT_TblPr: tblStyle, tblW, jc, tblBorders, tblLayout, tblLook.
  const props: Xml[] = [withAttrs('w:tblStyle', { 'w:val': tableStyleId }), withAttrs('w:tblW', { 'w:w': total, 'w:type': 'dxa' })];
  if (look.centred) props.push(withAttrs('w:jc', { 'w:val': 'center' }));
  if (look.border) {
    let b = tableBorders.get(look.border);
    if (!b) tableBorders.set(look.border, (b = gridBorders(look.border)));
    props.push(b);
  }
  props.push(withAttrs('w:tblLayout', { 'w:type': 'fixed' }));
  props.push(withAttrs('w:tblLook', { 'w:val': '0420', 'w:firstRow': 1, 'w:lastRow': 0, 'w:firstColumn': 0, 'w:lastColumn': 0, 'w:noHBand': 1, 'w:noVBand': 1 }));
  return { 'w:tbl': [{ 'w:tblPr': props }, { 'w:tblGrid': widths.map((w) => withAttrs('w:gridCol', { 'w:w': w })) }, ...rows] };
}

const headerRowProps: Xml = { 'w:trPr': [empty('w:cantSplit'), empty('w:tblHeader')] };
const keptRowProps: Xml = { 'w:trPr': [empty('w:cantSplit')] };

/**
 * A table row. A header row repeats at the top of every page the table runs onto; `keep`
 * stops a short row being split across a page break (long rows must be allowed to split).
 */
export function row(cells: Xml[], kind: 'header' | 'keep' | 'split' = 'keep'): Xml {
  return { 'w:tr': kind === 'split' ? cells : [kind === 'header' ? headerRowProps : keptRowProps, ...cells] };
}

const cellProps = new Map<string, Xml | null>();

/**
 * A table cell; `fill` shades it (hex colour). Its width comes from the table grid (fixed
 * layout), so it is not repeated in every cell. A cell must end with a paragraph, so an empty
 * one gets one.
 */
export function cell(paragraphs: Xml[], fill?: string, valign?: 'center'): Xml {
  const key = `${fill ?? ''}|${valign ?? ''}`;
  let props = cellProps.get(key);
  if (props === undefined) {
    // Schema order of CT_TcPr: shd, vAlign.
    const children: Xml[] = [];
    if (fill) children.push(withAttrs('w:shd', { 'w:val': 'clear', 'w:color': 'auto', 'w:fill': fill }));
    if (valign) children.push(withAttrs('w:vAlign', { 'w:val': valign }));
    props = children.length ? { 'w:tcPr': children } : null;
    cellProps.set(key, props);
  }
  const content = paragraphs.length ? paragraphs : [{ 'w:p': {} }];
  return { 'w:tc': props ? [props, ...content] : content };
}

/** A cell of one text, in the table style's compact text. */
export const textCell = (text: string, run?: RunLook, fill?: string): Xml => cell([textPara(text, undefined, run)], fill);

/** Black or white, whichever reads better on the fill (WCAG contrast ratio). */
export function textColourOn(fill: string): string {
  const channel = (i: number) => {
    const c = parseInt(fill.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '000000' : 'FFFFFF';
}


/** A row at least `height` tall (twentieths of a point), e.g. room for a signature; never split. */
export function tallRow(cells: Xml[], height: number): Xml {
  return { 'w:tr': [{ 'w:trPr': [empty('w:cantSplit'), withAttrs('w:trHeight', { 'w:val': height, 'w:hRule': 'atLeast' })] }, ...cells] };
}
