import { randomBytes } from 'node:crypto';
import { FileChild, Packer, type File } from 'docx';
import { replaceZipEntry, zipEntryText } from './docx-zip.ts';

/*
 * Packing a document whose bulky body parts are written as XML text (xml-text.ts) rather than
 * by docx's serialiser. docx builds everything else (styles, header and footer, the cover
 * picture and its relationships, section properties, document properties) exactly as usual:
 * the document is packed with a marker paragraph in place of each part, and in the zip docx
 * made, word/document.xml is replaced by docx's own with the markers replaced by the parts'
 * text (docx-zip.ts deflates it natively, from its pieces).
 */

const documentPart = 'word/document.xml';

/** Stands in the document for a body part written elsewhere: one marker paragraph. */
export class BodyPart extends FileChild {
  readonly marker: string;

  constructor(marker: string) {
    super('w:p');
    this.marker = marker;
  }

  override prepForXml() {
    return { 'w:p': [{ 'w:r': [{ 'w:t': this.marker }] }] };
  }
}

/** Markers unique to one export, so no text in the data can be mistaken for one. */
export function bodyParts<const Name extends string>(names: readonly Name[]): Record<Name, BodyPart> {
  const nonce = randomBytes(8).toString('hex');
  return Object.fromEntries(names.map((name) => [name, new BodyPart(`VIGIL-BODY-PART-${nonce}-${name}`)])) as Record<Name, BodyPart>;
}

/** Packs `doc`, each BodyPart replaced by its XML (UTF-8). */
export async function packWithParts(doc: File, parts: { part: BodyPart; xml: Uint8Array }[]): Promise<Uint8Array> {
  const packed = await Packer.toBuffer(doc);
  const skeleton = zipEntryText(packed, documentPart);
  const pieces: Uint8Array[] = [];
  let from = 0;
  // In document order, each marker exactly once.
  const placed = parts
    .map(({ part, xml }) => {
      const marker = `<w:p><w:r><w:t>${part.marker}</w:t></w:r></w:p>`;
      const at = skeleton.indexOf(marker);
      if (at < 0 || skeleton.indexOf(marker, at + 1) >= 0) throw new Error(`body part ${part.marker} is not in the document exactly once`);
      return { at, end: at + marker.length, xml };
    })
    .sort((a, b) => a.at - b.at);
  for (const { at, end, xml } of placed) {
    pieces.push(Buffer.from(skeleton.slice(from, at), 'utf8'), xml);
    from = end;
  }
  pieces.push(Buffer.from(skeleton.slice(from), 'utf8'));
  // The pieces are deflated as they are (docx-zip.ts): joining them would hold the body twice.
  placed.length = 0;
  parts.length = 0;
  return replaceZipEntry(packed, documentPart, pieces);
}
