import { styleIds } from './document-styles.ts';
import { para, RunWriter, textPara, type Xml } from './ooxml.ts';
import type { OutlineEntry } from './outline.ts';

/*
 * The contents page, written out entry by entry rather than left to a TOC field to fill in.
 * A TOC field's entries are only filled when a word processor updates the field: Word asks
 * to on opening (settings' updateFields), but LibreOffice does not update indexes when it
 * opens or converts a .docx, so a bare TOC field prints with no entries or no page numbers
 * there. Each entry here is a link to its heading's bookmark followed by a PAGEREF field to
 * the same bookmark: LibreOffice turns a PAGEREF into a live page reference that its layout
 * fills in (so its PDF shows the right pages), and Word fills it when it updates the fields.
 * The entries are deliberately not wrapped in a TOC field: LibreOffice shows a TOC field's
 * stored result as it is, page references inside it included, so wrapped they print blank
 * (test/core/export/register-pdf.test.ts converts a register and checks every page number).
 */

const field = {
  begin: { 'w:r': [{ 'w:fldChar': { _attr: { 'w:fldCharType': 'begin' } } }] },
  separate: { 'w:r': [{ 'w:fldChar': { _attr: { 'w:fldCharType': 'separate' } } }] },
  end: { 'w:r': [{ 'w:fldChar': { _attr: { 'w:fldCharType': 'end' } } }] },
};
const instruction = (text: string): Xml => ({ 'w:r': [{ 'w:instrText': [{ _attr: { 'xml:space': 'preserve' } }, text] }] });

/** The runs of a field: its instruction and the result shown until it is updated. */
export function fieldRuns(code: string, result: string): Xml[] {
  return [field.begin, instruction(` ${code} `), field.separate, ...new RunWriter().text(result).runs, field.end];
}

const entryStyles = { 1: styleIds.contents1, 2: styleIds.contents2 } as const;

/** One line of the contents: the heading's title linked to it, a dotted tab, its page number. */
function entry(e: OutlineEntry): Xml {
  const link = { 'w:hyperlink': [{ _attr: { 'w:anchor': e.href, 'w:history': 1 } }, ...new RunWriter().text(e.title).runs, { 'w:r': [{ 'w:tab': {} }] }, ...fieldRuns(`PAGEREF ${e.href} \\h`, '')] };
  return para([link], { style: entryStyles[e.level === 1 ? 1 : 2] });
}

/** "Contents" and one line per listed heading (word/outline.ts). */
export function contentsBlocks(entries: readonly OutlineEntry[]): Xml[] {
  // Not a Heading1: the contents must not list itself.
  return [textPara('Contents', { style: styleIds.contentsTitle, pageBreakBefore: true }), ...entries.map(entry)];
}
