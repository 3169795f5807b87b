import { createHash } from 'node:crypto';
import { cannotImport, modelCardFile, notThisXml, textStartsAs } from '../file-refusal.ts';
import { findNonPlainXmlText } from '../xml-plain-text.ts';
import { parseXml, type XmlElement } from './parse-xml.ts';
import { screenXml } from './screen-xml.ts';

/** A card that passed the safety screen and parsed. */
export interface ModelCard {
  root: XmlElement;
  sha256: string;
  namespace: string | null;
}

/**
 * Reads an untrusted model card: a file that is plainly something else (a PDF, a Vigil response,
 * JSON) is refused in words first, then the screen (size, declarations, processing instructions),
 * then the strict parse (well-formedness, depth), then the plain-text rule on every text and
 * attribute (contract/plain-text.ts). Each refusal is a DomainError with its own code;
 * nothing here touches the database.
 */
export function readModelCard(text: string): ModelCard {
  // Before the screen: a PDF's XMP packet is a processing instruction, and "unsafe XML" would mislead.
  if (textStartsAs(text) !== 'xml') throw notThisXml(modelCardFile, text, null);
  screenXml(text);
  const root = parseXml(text);
  const unsafe = findNonPlainXmlText(root);
  if (unsafe) {
    const place = unsafe.attribute ? `the ${unsafe.attribute} attribute of <${unsafe.element}>` : `the text of <${unsafe.element}>`;
    throw cannotImport(modelCardFile, [`${place} ${unsafe.problem.message}`], 'Nothing was written; ask the vendor for a card without it.');
  }
  const xmlns = root.attributes.find(([name]) => name === 'xmlns');
  return { root, sha256: createHash('sha256').update(text, 'utf8').digest('hex'), namespace: xmlns ? xmlns[1] : null };
}

/** Every element at `path` (local names joined by "/", from the root's children). */
export function elementsAt(root: XmlElement, path: string): XmlElement[] {
  let level = [root];
  for (const step of path.split('/')) level = level.flatMap((e) => e.children.filter((c) => c.name === step));
  return level;
}

/** All character data of an element and its descendants, in document order. */
export function textOf(element: XmlElement): string {
  return [element.text, ...element.children.map(textOf)].filter((t) => t.trim() !== '').join('\n');
}

/**
 * Whitespace tidied but paragraphs kept (card text is Markdown): spaces and tabs collapsed,
 * lines trimmed, at most one blank line between paragraphs.
 */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00A0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The tidied text at `path`, or '' when the element is absent or empty. */
export function textAt(root: XmlElement, path: string): string {
  return normaliseText(elementsAt(root, path).map(textOf).join('\n\n'));
}
