const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

export interface SafeJsonOptions {
  /** Deepest nesting accepted; hostile files use depth to exhaust the stack. */
  maxDepth?: number;
  /**
   * Most values accepted (counted as containers opened plus commas, never more than the values
   * there are); unlimited by default. A call that carries a file has a handful of fields and one
   * long string: a body of millions of small values costs the server far more to build.
   */
  maxValues?: number;
}

export const defaultMaxJsonDepth = 64;

/** Where a structural check is inside the text: one frame per open object or array. */
type Frame = { kind: 'object'; keys: Set<string>; expectKey: boolean } | { kind: 'array' };

/**
 * The one check for JSON from outside (request bodies, vendor packages, files the CLI reads),
 * fed the text in pieces as it arrives: nesting deeper than `maxDepth`, a key that could
 * pollute a prototype, a key repeated in one object (JSON.parse keeps the last, so a
 * signed package could say two things) and, when asked, more than `maxValues` values are
 * refused as soon as they are seen — a body of 60 MB
 * of "[" stops at its 65th byte. It tracks only structure (brackets, strings, keys); whether the
 * text is JSON at all is JSON.parse's to say, after this check has passed, on text whose depth
 * is then known to be safe. Throws SyntaxError saying what was wrong.
 */
export class JsonStructureCheck {
  private readonly maxDepth: number;
  private readonly maxValues: number;
  private values = 0;
  private readonly frames: Frame[] = [];
  private inString = false;
  private escaped = false;
  /** The raw text of the key being read (escapes as written), or null in a value string. */
  private key: string[] | null = null;

  constructor(options: SafeJsonOptions = {}) {
    this.maxDepth = options.maxDepth ?? defaultMaxJsonDepth;
    this.maxValues = options.maxValues ?? Number.POSITIVE_INFINITY;
  }

  private countValue(): void {
    this.values += 1;
    if (this.values > this.maxValues) throw new SyntaxError(`more than ${this.maxValues.toLocaleString('en-GB')} values is not allowed in this call`);
  }

  feed(text: string): void {
    let i = 0;
    while (i < text.length) {
      if (this.inString) {
        i = this.readString(text, i);
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 0x22 /* " */) {
        this.inString = true;
        const top = this.frames.at(-1);
        this.key = top?.kind === 'object' && top.expectKey ? [] : null;
      } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        if (this.frames.length >= this.maxDepth) throw new SyntaxError(`nesting deeper than ${this.maxDepth} levels is not allowed`);
        this.countValue();
        this.frames.push(c === 0x7b ? { kind: 'object', keys: new Set(), expectKey: true } : { kind: 'array' });
      } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
        this.frames.pop();
      } else if (c === 0x2c /* , */) {
        this.countValue();
        const top = this.frames.at(-1);
        if (top?.kind === 'object') top.expectKey = true;
      }
      i += 1;
    }
  }

  /** Reads string content from `start`; returns where to go on. Value strings are skipped fast. */
  private readString(text: string, start: number): number {
    let i = start;
    if (this.escaped) {
      this.key?.push(text[i] ?? '');
      this.escaped = false;
      return i + 1;
    }
    const quote = text.indexOf('"', i);
    const backslash = text.indexOf('\\', i);
    const stop = quote < 0 ? backslash : backslash < 0 ? quote : Math.min(quote, backslash);
    if (stop < 0) {
      this.key?.push(text.slice(i));
      return text.length;
    }
    this.key?.push(text.slice(i, stop));
    i = stop;
    if (text.charCodeAt(i) === 0x5c /* \ */) {
      this.key?.push('\\');
      this.escaped = true;
      return i + 1;
    }
    this.inString = false;
    if (this.key) this.endKey(this.key.join(''));
    this.key = null;
    return i + 1;
  }

  private endKey(raw: string): void {
    const top = this.frames.at(-1);
    if (top?.kind !== 'object') return;
    top.expectKey = false;
    let name: string;
    try {
      name = JSON.parse(`"${raw}"`) as string;
    } catch {
      throw new SyntaxError('a key is not a valid JSON string');
    }
    if (forbiddenKeys.has(name)) throw new SyntaxError(`the key "${name}" is not allowed`);
    if (top.keys.has(name)) throw new SyntaxError(`the key "${name}" appears twice in one object`);
    top.keys.add(name);
  }
}

/**
 * JSON.parse for anything that crosses a trust boundary: refuses prototype-polluting keys,
 * repeated keys and excessive nesting (JsonStructureCheck) before parsing. Throws SyntaxError
 * with a message that says what was wrong.
 */
export function parseUntrustedJson(text: string, options: SafeJsonOptions = {}): unknown {
  // A file's text keeps its byte-order mark (decodeUtf8Strictly); it is not JSON, so it is set aside for parsing only.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  new JsonStructureCheck(options).feed(json);
  return JSON.parse(json);
}

/**
 * Bytes from outside as text, in pieces as they arrive: invalid UTF-8 is refused, never
 * repaired with U+FFFD (a repaired file is no longer the file its sender signed or hashed).
 * A byte-order mark at the start is dropped (a request body: it is no part of the JSON) unless
 * `keepByteOrderMark` is set (a file: its text must encode back to the very same bytes).
 * Throws SyntaxError.
 */
export class StrictUtf8Decoder {
  private readonly decoder: TextDecoder;

  constructor(options: { keepByteOrderMark?: boolean } = {}) {
    this.decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: options.keepByteOrderMark === true });
  }

  decode(bytes: Uint8Array, last = false): string {
    try {
      return this.decoder.decode(bytes, { stream: !last });
    } catch {
      throw new SyntaxError('the text is not valid UTF-8');
    }
  }
}

/**
 * A file's bytes as its text, every character of it: invalid UTF-8 refused (SyntaxError), a
 * byte-order mark kept, so encoding the text again gives the vendor's bytes and their SHA-256 —
 * what a model card stored as evidence must be. Readers of the text allow the mark where the
 * format does (parseUntrustedJson, the XML reader).
 */
export const decodeUtf8Strictly = (bytes: Uint8Array): string => new StrictUtf8Decoder({ keepByteOrderMark: true }).decode(bytes, true);
