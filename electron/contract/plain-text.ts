import { z } from 'zod';

/**
 * One policy for text that comes from outside Vigil (issue 18): what a person typed into a form,
 * an argument on the command line, a field in a vendor's signed package, an answer in a Word
 * questionnaire, an element of a model card. Every boundary asks this file, so a character is
 * refused everywhere or nowhere.
 *
 * Plain text is refused when it holds a character that has no business in a record a committee
 * reads and that can make the text display differently from what is stored:
 * - control characters other than tab, line feed and carriage return (C0, DEL and C1: a terminal
 *   or a printer acts on them; NEL and CSI are C1);
 * - bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they
 *   reorder what a reader sees ("model-card\u202Efdp.exe" shows as "model-cardexe.pdf");
 *   the marks LRM, RLM and ALM are allowed in text, since right-to-left writing uses them and
 *   they cannot reorder a run;
 * - noncharacters (U+FDD0–U+FDEF and the last two code points of every plane: U+FFFE, U+FFFF…),
 *   which XML cannot carry and no writing system uses;
 * - unpaired surrogates, which are not characters at all (stored as U+FFFD they would no
 *   longer be what the ledger recorded).
 * A plain file name is plain text on one line that is also safe as a name on every desktop
 * system: no line or paragraph separators or tabs, no bidirectional marks or invisible
 * formatting characters, no folder separators or characters Windows forbids, not "." or "..",
 * no surrounding spaces and no trailing dot.
 *
 * Nothing is ever repaired: a repaired value is no longer the one that was signed or recorded.
 */

export type TextKind = 'text' | 'fileName';

export interface TextProblem {
  /** Index (UTF-16 code units) of the offending character, or -1 for a problem of the whole value. */
  index: number;
  /** What is wrong, in words that follow "…": "contains U+202E, a bidirectional control …". */
  message: string;
}

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

const bidiControl = (c: number) => (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
const bidiMark = (c: number) => c === 0x200e || c === 0x200f || c === 0x061c;
const isNoncharacter = (c: number) => (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) === 0xfffe;
/**
 * Invisible characters that join nothing: harmless in prose, a disguise in a file name. The
 * joiners ZWJ and ZWNJ are not among them: Persian, Indic scripts and emoji need them.
 */
const invisible = (c: number) => c === 0x200b || c === 0x2060 || c === 0xfeff || c === 0x00ad || c === 0x180e;

/** Why one code point is not plain text, or null when it is. */
function textCharacterProblem(c: number): string | null {
  if (c === 0) return 'contains the NUL character (U+0000)';
  if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return `contains the control character ${hex(c)}`;
  if (c >= 0x80 && c <= 0x9f) return `contains the control character ${hex(c)} (a C1 control a terminal acts on)`;
  if (bidiControl(c)) return `contains ${hex(c)}, a bidirectional control that makes text display in another order than it is stored`;
  if (isNoncharacter(c)) return `contains ${hex(c)}, a noncharacter that no text may carry`;
  return null;
}

/** Why one code point may not be in a file name although it may be in text, or null. */
function fileNameCharacterProblem(c: number): string | null {
  if (c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return `contains a line break or tab (${hex(c)}); a file name is one line`;
  if (bidiMark(c)) return `contains ${hex(c)}, a bidirectional mark that can disguise a file name`;
  if (invisible(c)) return `contains ${hex(c)}, an invisible character that can disguise a file name`;
  if (c === 0x2f || c === 0x5c) return 'contains a folder separator (/ or \\); give the file name only';
  if ('<>:"|?*'.includes(String.fromCharCode(c))) return `contains ${String.fromCharCode(c)}, which file names may not contain on Windows`;
  return null;
}

/** The first reason `text` is not plain text of this kind, or null when it is. */
export function plainTextProblem(text: string, kind: TextKind = 'text'): TextProblem | null {
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    const at = i;
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return { index: at, message: `contains an unpaired surrogate (${hex(c)}), which is not a character` };
      c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return { index: at, message: `contains an unpaired surrogate (${hex(c)}), which is not a character` };
    }
    const problem = textCharacterProblem(c) ?? (kind === 'fileName' ? fileNameCharacterProblem(c) : null);
    if (problem !== null) return { index: at, message: problem };
  }
  if (kind === 'fileName') {
    if (text === '.' || text === '..') return { index: -1, message: `is "${text}", which names a folder, not a file` };
    if (text.trim() !== text) return { index: -1, message: 'begins or ends with a space' };
    if (text.endsWith('.')) return { index: -1, message: 'ends with a dot, which Windows drops from file names' };
  }
  return null;
}

export const isPlainText = (text: string, kind: TextKind = 'text'): boolean => plainTextProblem(text, kind) === null;

/** A file name as every boundary accepts it: 1–255 characters of plain file name (see above). */
export const plainFileName = (what = 'fileName') =>
  z
    .string({ error: `${what} must be text` })
    .min(1, { error: `${what} is required` })
    .max(255, { error: `${what} must be at most 255 characters` })
    .superRefine((name, ctx) => {
      const problem = plainTextProblem(name, 'fileName');
      if (problem) ctx.addIssue({ code: 'custom', message: `${what} ${problem.message}` });
    });

/** Where a string that is not plain text sits in a value, and why; null when every string is plain. */
export interface TextFinding {
  path: (string | number)[];
  problem: TextProblem;
}

/**
 * Walks every string in a parsed value (keys included: a key is text someone chose) and returns
 * the first that is not plain text. `skip` names the top-level fields that carry a whole file
 * (a package's JSON text, an evidence file's base64): their content is checked where the file is
 * read, by the reader that understands it.
 */
export function findNonPlainText(value: unknown, skip: readonly string[] = [], path: (string | number)[] = []): TextFinding | null {
  if (typeof value === 'string') {
    const problem = plainTextProblem(value);
    return problem ? { path, problem } : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNonPlainText(value[i], [], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (path.length === 0 && skip.includes(key)) continue;
    const keyProblem = plainTextProblem(key);
    if (keyProblem) return { path: [...path, key], problem: keyProblem };
    const found = findNonPlainText(inner, [], [...path, key]);
    if (found) return found;
  }
  return null;
}
