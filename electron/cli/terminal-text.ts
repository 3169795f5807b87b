import type { CliIo } from './command.ts';

/*
 * What the CLI prints may hold text from outside: a vendor's name and answers, file names,
 * evidence. A terminal acts on control characters instead of showing them — ESC starts
 * sequences that clear the screen, move the cursor or retitle the window; CR and the C1
 * controls (CSI is U+009B) do the same work; bidi controls reorder what is shown — so a vendor
 * could rewrite what the hospital reads. Every such character leaves as its \uXXXX escape: in
 * the human output the reader sees that something was there; in --json output the escape is the
 * same string to any JSON reader (JSON.stringify already escapes C0, not C1 or bidi).
 * Line feeds and tabs, which the output itself uses, are kept.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const escapeOf = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

export const terminalSafe = (text: string): string => text.replace(unsafe, escapeOf);

/** The CLI's output with every unsafe character escaped (the one place all output passes). */
export const terminalSafeIo = (io: CliIo): CliIo => ({
  ...io,
  stdout: (text) => io.stdout(terminalSafe(text)),
  stderr: (text) => io.stderr(terminalSafe(text)),
});
