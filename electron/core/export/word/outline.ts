import { isRtlParagraph } from '../export-text.ts';
import { styleIds } from './document-styles.ts';
import { para, RunWriter, textPara, type Xml } from './ooxml.ts';

/*
 * The document's headings, collected as they are written, for the table of contents. Level 1
 * and 2 headings get a bookmark, so each contents entry links to its heading; Word fills in
 * the page numbers when it updates the contents (it offers to on opening).
 */

export interface OutlineEntry {
  title: string;
  level: number;
  href: string;
}

const headingStyles = { 1: styleIds.heading1, 2: styleIds.heading2, 3: styleIds.heading3 } as const;

/** Bookmark ids of our own, well above the few docx numbers itself. */
const firstBookmarkId = 100_000;

export class Outline {
  readonly entries: OutlineEntry[] = [];
  readonly #levels: number;

  /** `levels`: how deep the table of contents goes. */
  constructor(levels = 2) {
    this.#levels = levels;
  }

  /**
   * A real Word heading (Heading1–3), so the navigation pane finds it. `listed: false` leaves a
   * heading out of the contents (one per risk or per assessment would make the contents pages long).
   */
  heading(level: 1 | 2 | 3, text: string, newPage = false, listed = true): Xml {
    const look = { style: headingStyles[level], pageBreakBefore: newPage };
    if (level > this.#levels || !listed) return textPara(text, look);
    const id = firstBookmarkId + this.entries.length;
    const href = `_TocVigil${this.entries.length + 1}`;
    this.entries.push({ title: text, level, href });
    const runs = new RunWriter().text(text).runs;
    return para([{ 'w:bookmarkStart': { _attr: { 'w:id': id, 'w:name': href } } }, ...runs, { 'w:bookmarkEnd': { _attr: { 'w:id': id } } }], look, isRtlParagraph(text));
  }
}
