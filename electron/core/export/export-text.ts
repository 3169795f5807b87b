/*
 * Text as it goes into an export. Everything a user typed must come out the same, with the one
 * exception XML forces on us: XML 1.0 cannot carry most C0 control characters, unpaired
 * surrogates or U+FFFE/U+FFFF at all, so those (and only those) are dropped.
 */

// Tab, LF and CR are the only C0 characters XML 1.0 allows; a lone surrogate is not a character.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const notXml = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const hasNotXml = new RegExp(notXml.source);

/** The text with the characters XML 1.0 cannot carry removed; everything else untouched. */
export const xmlSafe = (text: string): string => (hasNotXml.test(text) ? text.replace(notXml, '') : text);

/**
 * `value` with xmlSafe applied to every string in it, at any depth. Each document builder calls
 * this once on its model, the one place data enters a Word document, so no text can reach any
 * part unfiltered whichever way it is written (body, contents, headers, document properties, a
 * logo's alt text, a font name). Objects and lists are copied only on the way to a string that
 * changed, so a clean model (the usual case) comes back as the same object after one walk. Only
 * plain objects and arrays are walked: bytes (a logo) are kept as they are.
 */
export function xmlSafeDeep<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return xmlSafe(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const safe = walk(item);
      if (safe !== item) (out ??= [...(value as unknown[])])[i] = safe;
    }
    return out ?? value;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let out: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value)) {
    const safe = walk(item);
    if (safe !== item) (out ??= { ...value })[key] = safe;
  }
  return out ?? value;
}

// Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms, plus the
// RTL blocks beyond the BMP (Imperial Aramaic … Arabic mathematical symbols).
const rtlClass = '\\u0590-\\u08FF\\uFB1D-\\uFDFF\\uFE70-\\uFEFF\\u{10800}-\\u{10FFF}\\u{1E800}-\\u{1EFFF}';
const rtlChar = new RegExp(`[${rtlClass}]`, 'u');
// A stretch of right-to-left text, with the spaces and punctuation between its words.
const rtlStretch = new RegExp(`[${rtlClass}](?:[${rtlClass}\\s.,;:!?()\\-]*[${rtlClass}])?`, 'gu');
const strongLtr = /\p{L}/u;

export const hasRtl = (text: string): boolean => rtlChar.test(text);

/**
 * Whether a paragraph reads right to left: its first strong letter is RTL (the Unicode bidi
 * algorithm's rule P2), so an Arabic answer is laid out right to left while an English
 * sentence quoting one Hebrew word is not.
 */
export function isRtlParagraph(text: string): boolean {
  for (const char of text) {
    if (rtlChar.test(char)) return true;
    if (strongLtr.test(char)) return false;
  }
  return false;
}

/** Splits text into stretches, marking the right-to-left ones so each can be its own run. */
export function directionalStretches(text: string): { text: string; rtl: boolean }[] {
  if (!rtlChar.test(text)) return [{ text, rtl: false }];
  const parts: { text: string; rtl: boolean }[] = [];
  let at = 0;
  for (const match of text.matchAll(rtlStretch)) {
    if (match.index > at) parts.push({ text: text.slice(at, match.index), rtl: false });
    parts.push({ text: match[0], rtl: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), rtl: false });
  return parts;
}

/** Lines of a text: CRLF, CR and LF all end a line. */
export const linesOf = (text: string): string[] => text.split(/\r\n|\r|\n/);
