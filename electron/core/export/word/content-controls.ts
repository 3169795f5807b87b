import { styleIds } from './document-styles.ts';
import { runs, type Xml } from './ooxml.ts';

/*
 * Word content controls (w:sdt) that Word and LibreOffice both fill in: a check box (w14:checkbox,
 * Word 2010 and later; LibreOffice 7.4 keeps it and its ticked state) and a text control.
 * Each is wrapped in a bookmark and tagged with the same name (see
 * exchange/questionnaire/questionnaire-fields.ts for why both).
 */

/** Bookmark and control ids: unique within one document, counted by the document being written. */
export class ControlIds {
  #next = 1;
  next(): number {
    return this.#next++;
  }
}

const attr = (name: string, attrs: Record<string, string | number>): Xml => ({ [name]: { _attr: attrs } });
const boxFont = { 'w:ascii': 'MS Gothic', 'w:eastAsia': 'MS Gothic', 'w:hAnsi': 'MS Gothic' };

function named(ids: ControlIds, name: { tag: string; bookmark: string }, sdtPr: Xml[], content: Xml[]): Xml[] {
  const id = ids.next();
  return [
    attr('w:bookmarkStart', { 'w:id': id, 'w:name': name.bookmark }),
    { 'w:sdt': [{ 'w:sdtPr': [attr('w:tag', { 'w:val': name.tag }), attr('w:id', { 'w:val': id }), ...sdtPr] }, { 'w:sdtContent': content }] },
    attr('w:bookmarkEnd', { 'w:id': id }),
  ];
}

/** An unticked check box (☐, ticked ☒), as runs to place at the start of an option's paragraph. */
export function checkBox(ids: ControlIds, name: { tag: string; bookmark: string }): Xml[] {
  const box = {
    'w14:checkbox': [
      attr('w14:checked', { 'w14:val': '0' }),
      attr('w14:checkedState', { 'w14:val': '2612', 'w14:font': 'MS Gothic' }),
      attr('w14:uncheckedState', { 'w14:val': '2610', 'w14:font': 'MS Gothic' }),
    ],
  };
  return named(ids, name, [box], [{ 'w:r': [{ 'w:rPr': [attr('w:rFonts', boxFont)] }, { 'w:t': '☐' }] }]);
}

/**
 * An empty text control showing `placeholder` in grey: plain text for a short answer (a number,
 * a date, a name), rich text for an answer that may run to several lines — LibreOffice 7.4
 * moves a line break out of a plain-text control when it saves, but keeps it in a rich-text one.
 */
export function textControl(ids: ControlIds, name: { tag: string; bookmark: string }, placeholder: string, kind: 'plain' | 'rich'): Xml[] {
  return named(ids, name, kind === 'plain' ? [{ 'w:showingPlcHdr': {} }, { 'w:text': {} }] : [{ 'w:showingPlcHdr': {} }], runs(placeholder, { style: styleIds.mutedText }));
}
