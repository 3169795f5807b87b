import { Readable } from 'node:stream';
import { crc32, createDeflateRaw, inflateRawSync } from 'node:zlib';

/*
 * The zip a .docx is, read and rewritten with one entry replaced. docx zips with fflate, in
 * JavaScript on the calling thread: for a 20,000-risk register's 100–200 MB word/document.xml
 * that was a third of the export's time, with the whole part held as one buffer first. Here the
 * replaced entry is deflated by node:zlib (native, on the thread pool, so the app stays
 * responsive) from its pieces as they are, never joined; every other entry is copied as docx
 * compressed it. Only what a .docx uses is supported: no ZIP64, no encryption.
 */

interface Entry {
  name: Buffer;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** The compressed bytes (a view into the zip). */
  data: Uint8Array;
}

function entriesOf(zip: Uint8Array): Entry[] {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const entries: Entry[] = [];
  let at = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`corrupt central directory at ${at}`);
    const nameLength = buf.readUInt16LE(at + 28);
    const compressedSize = buf.readUInt32LE(at + 20);
    const local = buf.readUInt32LE(at + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    entries.push({
      name: buf.subarray(at + 46, at + 46 + nameLength),
      method: buf.readUInt16LE(at + 10),
      time: buf.readUInt16LE(at + 12),
      date: buf.readUInt16LE(at + 14),
      crc: buf.readUInt32LE(at + 16),
      compressedSize,
      size: buf.readUInt32LE(at + 24),
      data: buf.subarray(start, start + compressedSize),
    });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return entries;
}

/** The files of a zip Vigil wrote, by name, with what the zip says of each and its compressed bytes. */
export const zipFiles = (zip: Uint8Array): (Omit<Entry, 'name'> & { name: string })[] => entriesOf(zip).map((e) => ({ ...e, name: e.name.toString('utf8') }));

/** One file of a zip as UTF-8 text. */
export function zipEntryText(zip: Uint8Array, name: string): string {
  const entry = entriesOf(zip).find((e) => e.name.toString('utf8') === name);
  if (!entry) throw new Error(`the zip has no ${name}`);
  return Buffer.from(entry.method === 0 ? entry.data : inflateRawSync(entry.data)).toString('utf8');
}

/** Limits for reading a zip someone else made (a filled-in questionnaire): entries, and bytes per inflated entry. */
export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
}

/**
 * Files of an untrusted zip as UTF-8 text, by name (absent names are left out). The central
 * directory is bounds-checked, the entry count capped, and each entry inflated with a ceiling
 * on its output, so a zip bomb stops at the limit instead of filling memory. Throws a plain
 * Error saying what is wrong; the caller words it for people.
 */
export function untrustedZipTexts(zip: Uint8Array, names: readonly string[], limits: ZipLimits): Map<string, string> {
  let entries: Entry[];
  try {
    entries = entriesOf(zip);
  } catch (error) {
    throw new Error(error instanceof RangeError ? 'its zip directory points outside the file' : (error as Error).message, { cause: error });
  }
  if (entries.length > limits.maxEntries) throw new Error(`it holds ${entries.length} files; a Word document has far fewer than ${limits.maxEntries}`);
  const out = new Map<string, string>();
  for (const entry of entries) {
    const name = entry.name.toString('utf8');
    if (!names.includes(name)) continue;
    if (entry.data.byteLength !== entry.compressedSize) throw new Error(`${name} runs past the end of the file`);
    if (entry.size > limits.maxEntryBytes) throw new Error(`${name} would unpack to ${entry.size} bytes, more than the ${limits.maxEntryBytes} allowed`);
    let bytes: Uint8Array;
    if (entry.method === 0) bytes = entry.data;
    else if (entry.method === 8) {
      try {
        bytes = inflateRawSync(entry.data, { maxOutputLength: limits.maxEntryBytes });
      } catch (error) {
        throw new Error(`${name} cannot be unpacked (damaged, or larger than ${limits.maxEntryBytes} bytes)`, { cause: error });
      }
    } else throw new Error(`${name} is packed in a way Word documents do not use (method ${entry.method})`);
    if (bytes.byteLength !== entry.size || (crc32(bytes) >>> 0) !== entry.crc >>> 0) throw new Error(`${name} is damaged (its size or checksum does not match)`);
    out.set(name, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  }
  return out;
}

/** Deflates `pieces` as one file, without joining them: its compressed chunks, CRC-32 and size. */
async function deflatePieces(pieces: readonly Uint8Array[]): Promise<{ chunks: Buffer[]; crc: number; size: number; compressedSize: number }> {
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    crc = crc32(piece, crc);
    size += piece.byteLength;
  }
  if (size > 0xffffffff) throw new Error('a document part over 4 GB needs ZIP64, which the export does not write');
  const chunks: Buffer[] = [];
  let compressedSize = 0;
  const deflate = Readable.from(pieces, { objectMode: false }).pipe(createDeflateRaw());
  for await (const chunk of deflate as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    compressedSize += chunk.length;
  }
  return { chunks, crc, size, compressedSize };
}

/** What a local header and a central directory header both say of a file, in the same order (from "version needed"). */
function writeEntryFields(buf: Buffer, at: number, f: { method: number; time: number; date: number; crc: number; compressedSize: number; size: number; nameLength: number }): void {
  buf.writeUInt16LE(20, at);
  buf.writeUInt16LE(0x0800, at + 2);
  buf.writeUInt16LE(f.method, at + 4);
  buf.writeUInt16LE(f.time, at + 6);
  buf.writeUInt16LE(f.date, at + 8);
  buf.writeUInt32LE(f.crc >>> 0, at + 10);
  buf.writeUInt32LE(f.compressedSize, at + 14);
  buf.writeUInt32LE(f.size, at + 18);
  buf.writeUInt16LE(f.nameLength, at + 22);
}

/** `zip` with the file `name` replaced by the bytes `pieces` hold in order; the other files as they were. */
export async function replaceZipEntry(zip: Uint8Array, name: string, pieces: readonly Uint8Array[]): Promise<Uint8Array> {
  const entries = entriesOf(zip);
  if (!entries.some((e) => e.name.toString('utf8') === name)) throw new Error(`the zip has no ${name}`);
  const out: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    let data: readonly Uint8Array[] = [entry.data];
    let { method, crc, size, compressedSize } = entry;
    if (entry.name.toString('utf8') === name) {
      const deflated = await deflatePieces(pieces);
      data = deflated.chunks;
      ({ crc, size, compressedSize } = deflated);
      method = 8;
    }
    // Sizes and CRC in the local header (no data descriptor), UTF-8 names (flag bit 11).
    const fields = { method, time: entry.time, date: entry.date, crc, compressedSize, size, nameLength: entry.name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, fields);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    writeEntryFields(header, 6, fields);
    header.writeUInt32LE(offset, 42);
    central.push(header, entry.name);
    out.push(local, entry.name, ...data);
    offset += local.length + entry.name.length + compressedSize;
  }
  if (offset > 0xffffffff) throw new Error('a document over 4 GB needs ZIP64, which the export does not write');
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, ...central, end]);
}
