import { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { DomainError } from '../../domain-error.ts';
import { zipFiles } from './docx-zip.ts';

/*
 * The last thing before a Word document Vigil wrote is saved or recorded: every XML part of it
 * is read back by a parser that shares no code with the writers (saxes: strict XML 1.0, every
 * character checked, namespaces resolved), so a document Word or LibreOffice would refuse to
 * open is refused here instead of being reported as exported. The writers already keep text
 * XML-safe (export-text.ts xmlSafeDeep); this is the independent check that they did.
 *
 * Parts are inflated and parsed piece by piece: a large register's word/document.xml runs to
 * 100–200 MB and is never held whole, and between pieces the event loop is free for other calls.
 */

/** Parts a .docx cannot be without. */
const requiredParts = ['[Content_Types].xml', 'word/document.xml'];
const isXmlPart = (name: string) => /\.(xml|rels)$/i.test(name);
const pieceBytes = 1 << 18;

/** What is wrong, as the end of "… and …", and where. */
interface Fault {
  problem: string;
  part: string;
  line?: number;
  column?: number;
}

const notWellFormed = (part: string, reason: string, line: number, column: number): Fault => ({
  problem: `its part ${part} is not well-formed XML at line ${line}, column ${column} (${reason.replace(/\.$/, '')})`,
  part,
  line,
  column,
});

const refusal = (document: string, fault: Fault): DomainError =>
  new DomainError(
    'EXPORT_INVALID',
    `${document} was not saved: Vigil checks every Word document before saving it, and ${fault.problem}. Word could not open it, so nothing was written or recorded. Please report this message to whoever supports Vigil.`,
    { part: fault.part, ...(fault.line === undefined ? {} : { line: fault.line, column: fault.column }) },
  );

/** The bytes of one zip entry as it is unpacked, in pieces. */
async function* unpacked(entry: { method: number; data: Uint8Array }): AsyncGenerator<Uint8Array> {
  if (entry.method === 0) yield entry.data;
  else if (entry.method === 8) yield* Readable.from([entry.data], { objectMode: false }).pipe(createInflateRaw({ chunkSize: pieceBytes })) as AsyncIterable<Buffer>;
  else throw new Error(`it is packed in a way Word documents do not use (method ${entry.method})`);
}

/** Parses one part; the first fault, or null when the part is well-formed. */
async function checkPart(entry: { name: string; method: number; size: number; crc: number; data: Uint8Array }): Promise<Fault | null> {
  const parser = new SaxesParser({ xmlns: true, defaultXMLVersion: '1.0', forceXMLVersion: true });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let size = 0;
  let crc = 0;
  try {
    for await (const piece of unpacked(entry)) {
      size += piece.byteLength;
      crc = crc32(piece, crc);
      parser.write(decoder.decode(piece, { stream: true }));
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // saxes says where: "line:column: reason".
    const at = /^(\d+):(\d+): ([\s\S]*)$/.exec(message);
    if (at) return notWellFormed(entry.name, at[3] ?? message, Number(at[1]), Number(at[2]));
    if (error instanceof TypeError && 'code' in error && error.code === 'ERR_ENCODING_INVALID_ENCODED_DATA') return notWellFormed(entry.name, 'it is not UTF-8 text', parser.line, parser.column);
    return { problem: `its part ${entry.name} cannot be unpacked (${message})`, part: entry.name };
  }
  if (size !== entry.size || crc >>> 0 !== entry.crc >>> 0) return { problem: `its part ${entry.name} is damaged (its size or checksum does not match)`, part: entry.name };
  return null;
}

/**
 * Refuses (EXPORT_INVALID, in words naming the part, line and column) unless `docx` is a zip
 * holding a document whose every XML part is well-formed XML 1.0. `document` names it for the
 * message: "The risk register".
 */
export async function checkDocxXml(docx: Uint8Array, document: string): Promise<void> {
  let files: ReturnType<typeof zipFiles>;
  try {
    files = zipFiles(docx);
  } catch (error) {
    throw refusal(document, { problem: `it is not a readable zip (${error instanceof Error ? error.message : String(error)})`, part: '' });
  }
  const missing = requiredParts.find((name) => !files.some((f) => f.name === name));
  if (missing) throw refusal(document, { problem: `it has no ${missing} part`, part: missing });
  for (const file of files.filter((f) => isXmlPart(f.name))) {
    const fault = await checkPart(file);
    if (fault) throw refusal(document, fault);
  }
}
