import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/*
 * Reads exported .docx files back in tests, with nothing but node:zlib: a .docx is a zip, so
 * the central directory says where each part is, and each part is stored or deflated.
 */

/** The bytes of one file in a zip, or undefined when the zip has no such file. */
export function readZipEntry(zip: Uint8Array, name: string): Buffer | undefined {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 bytes (its comment may be that long).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`corrupt central directory at ${at}`);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    const entryName = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (entryName !== name) continue;
    if (buf.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`corrupt local header for ${name}`);
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const data = buf.subarray(dataStart, dataStart + compressedSize);
    const out = method === 0 ? Buffer.from(data) : method === 8 ? inflateRawSync(data) : undefined;
    if (!out) throw new Error(`${name}: unsupported compression method ${method}`);
    if (out.length !== size) throw new Error(`${name}: inflated to ${out.length} bytes, expected ${size}`);
    return out;
  }
  return undefined;
}

/** The names of every file in a zip. */
export function zipEntryNames(zip: Uint8Array): string[] {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const names: string[] = [];
  let at = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    const nameLength = buf.readUInt16LE(at + 28);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return names;
}

/** A part of a .docx as text, e.g. "word/document.xml"; throws when the part is missing. */
export function docxPart(docx: Uint8Array, part = 'word/document.xml'): string {
  const bytes = readZipEntry(docx, part);
  if (!bytes) throw new Error(`${part} not found in the document`);
  return bytes.toString('utf8');
}

export const unescapeXml = (text: string): string =>
  text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
    switch (entity) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
    }
  });

/**
 * The text of a WordprocessingML part as a reader sees it: paragraphs on their own lines,
 * <w:br/> as a line break, <w:tab/> as a tab, entities unescaped.
 */
export function wordText(xml: string): string {
  let out = '';
  for (const match of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:t(?:\s[^>]*)?\/>|<w:br\/>|<w:br\s[^>]*\/>|<w:tab\/>|<\/w:p>/g)) {
    const tag = match[0];
    if (match[1] !== undefined) out += unescapeXml(match[1]);
    else if (tag.startsWith('<w:br')) out += '\n';
    else if (tag === '<w:tab/>') out += '\t';
    else if (tag === '</w:p>') out += '\n';
  }
  return out;
}

/** The text of a .docx's body (word/document.xml). */
export const docxText = (docx: Uint8Array): string => wordText(docxPart(docx));

/**
 * Throws unless the XML is well formed: one root, tags nested and closed in order, attribute
 * values quoted, no bare "<" or "&" in text, known entities only, and only characters XML 1.0
 * allows. Strict enough to catch what a Word or LibreOffice load would refuse.
 */
export function assertWellFormedXml(xml: string): void {
  // eslint-disable-next-line no-control-regex
  const bad = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(xml);
  if (bad) throw new Error(`character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} not allowed in XML, at ${bad.index}`);
  const stack: string[] = [];
  let roots = 0;
  const checkText = (text: string, at: number) => {
    if (text.includes('<')) throw new Error(`bare "<" in text at ${at}`);
    for (const amp of text.matchAll(/&/g)) {
      if (!/^&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/.test(text.slice(amp.index))) throw new Error(`bare "&" at ${at + amp.index}`);
    }
  };
  let at = 0;
  if (xml.startsWith('<?xml')) at = xml.indexOf('?>') + 2;
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const text = xml.slice(at, lt < 0 ? xml.length : lt);
    checkText(text, at);
    if (stack.length === 0 && text.trim() !== '') throw new Error(`text outside the root element at ${at}`);
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 60)}`);
    const [, close, name = '', attrs = '', selfClose] = m;
    for (const value of attrs.matchAll(/=\s*(?:"([^"]*)"|'([^']*)')/g)) checkText(value[1] ?? value[2] ?? '', lt);
    if (close) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? '(nothing)'}> at ${lt}`);
    } else if (!selfClose) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
    at = tag.lastIndex;
  }
  if (stack.length) throw new Error(`unclosed <${stack.at(-1)}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}

// ---- reading with python-docx, as a committee member's tooling (or Word) would ---------------

const pythonReader = `
import json, sys
import docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.oxml.ns import qn
document = docx.Document(sys.argv[1])
blocks = []
for child in document.element.body.iterchildren():
    tag = child.tag.rsplit('}', 1)[-1]
    if tag == 'p':
        p = Paragraph(child, document)
        blocks.append({'type': 'p', 'style': p.style.name if p.style is not None else '', 'text': p.text, 'pictures': [d.get('name') for d in child.iter(qn('wp:docPr'))]})
    elif tag == 'tbl':
        t = Table(child, document)
        blocks.append({'type': 'table', 'rows': [[cell.text for cell in row.cells] for row in t.rows]})
if len(sys.argv) > 2:
    shapes = []
    for s in document.inline_shapes:
        inline = s._inline
        part = document.part.related_parts[inline.graphic.graphicData.pic.blipFill.blip.embed]
        shapes.append({'name': inline.docPr.get('name'), 'title': inline.docPr.get('title'), 'descr': inline.docPr.get('descr'), 'contentType': part.content_type,
                       'signature': part.blob[:8].hex(), 'px': [part.image.px_width, part.image.px_height], 'cm': [round(s.width.cm, 1), round(s.height.cm, 1)]})
    json.dump({'blocks': blocks, 'shapes': shapes}, sys.stdout)
else:
    json.dump(blocks, sys.stdout)
`;

/** A paragraph (with the names of the pictures in it) or a table. */
export type DocxBlock = { type: 'p'; style: string; text: string; pictures: string[] } | { type: 'table'; rows: string[][] };

/** A picture as python-docx finds it: its alt text, image part, pixel and page size. */
export interface DocxPicture {
  name: string;
  title: string;
  descr: string;
  contentType: string;
  /** The first 8 bytes of the image, hex (PNG: 89504e470d0a1a0a). */
  signature: string;
  px: [number, number];
  cm: [number, number];
}

/** A Python that has python-docx (Debian's python3-docx), or null where none does. */
export function pythonWithDocx(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, ['-c', 'import docx'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return null;
}

function runPythonDocx(python: string, docx: Uint8Array, extra: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-python-docx-'));
  try {
    const file = join(dir, 'register.docx');
    writeFileSync(file, docx);
    const run = spawnSync(python, ['-c', pythonReader, file, ...extra], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`python-docx could not read the document: ${run.stderr}`);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The body of a .docx as python-docx reads it: paragraphs (with style names) and tables, in order. */
export const readWithPythonDocx = (python: string, docx: Uint8Array): DocxBlock[] => JSON.parse(runPythonDocx(python, docx, [])) as DocxBlock[];

/** The body as readWithPythonDocx reads it, and every inline picture with its image part. */
export const readPicturesWithPythonDocx = (python: string, docx: Uint8Array): { blocks: DocxBlock[]; shapes: DocxPicture[] } =>
  JSON.parse(runPythonDocx(python, docx, ['pictures'])) as { blocks: DocxBlock[]; shapes: DocxPicture[] };
