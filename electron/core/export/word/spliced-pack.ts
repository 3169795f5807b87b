import { randomBytes } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { FileChild, Packer, type File } from 'docx';

/*
 * Packing a document whose bulky body parts are written as XML text (xml-text.ts) rather than
 * by docx's serialiser. docx builds everything else (styles, header and footer, the cover
 * picture and its relationships, section properties, document properties) exactly as usual:
 * the document is first packed with a marker paragraph in place of each part, the marker
 * paragraphs are replaced by the parts' text in docx's own word/document.xml, and the
 * document is packed again with that document.xml given to docx as an override (a Packer
 * option). Packing twice costs little, as the document docx itself serialises is small.
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

/** One file of a zip, as fflate (docx's zipper) writes them: found by the central directory. */
function zipEntry(zip: Uint8Array, name: string): string {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('docx produced no zip directory');
  let at = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    const nameLength = buf.readUInt16LE(at + 28);
    if (buf.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const method = buf.readUInt16LE(at + 10);
      const size = buf.readUInt32LE(at + 20);
      const local = buf.readUInt32LE(at + 42);
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  throw new Error(`docx produced no ${name}`);
}

/** Packs `doc`, each BodyPart replaced by its XML (UTF-8). */
export async function packWithParts(doc: File, parts: { part: BodyPart; xml: Uint8Array }[]): Promise<Uint8Array> {
  const skeleton = zipEntry(await Packer.toBuffer(doc), documentPart);
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
  const documentXml = Buffer.concat(pieces);
  // The body now lives in documentXml alone: let go of the parts (tens of MB for a large
  // register) before zipping, which needs as much again.
  pieces.length = 0;
  placed.length = 0;
  parts.length = 0;
  // docx's override type says string, but docx zips bytes as they are (it encodes strings to
  // exactly such bytes first); bytes spare a 30–60 MB string. export-bench and the tests
  // read the document back, so a docx that stopped accepting bytes would be caught.
  return Packer.toBuffer(doc, false, [{ path: documentPart, data: documentXml as unknown as string }]);
}
