import { plainTextProblem } from '../../../contract/index.ts';
import { DomainError } from '../../domain-error.ts';
import { lineColumn } from './screen-xml.ts';

/** An element by its local name (namespace prefix dropped), its text and its child elements. */
export interface XmlElement {
  name: string;
  /** The element's own character data, entities resolved, in document order (not its children's). */
  text: string;
  /** Attributes by their full name, values decoded; a list, so no name can reach a prototype. */
  attributes: [string, string][];
  children: XmlElement[];
}

/** What the messages call the file (a Word questionnaire's parts use this reader too), and its element limit. */
export interface XmlReading {
  what?: string;
  maxElements?: number;
}

/** A real card nests about five levels; this leaves room and stops a depth bomb. */
export const maxXmlDepth = 32;
/** Far more elements than any card has; bounds the work an input can ask for. */
export const maxXmlElements = 50_000;

const predefined: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const nameChar = /[A-Za-z0-9_:.\u00B7\u00C0-\uFFFF-]/;
const nameStart = /[A-Za-z_:\u00C0-\uFFFF]/;

/** The index of the first character XML 1.0 never allows (C0 controls but tab, newline, return; lone surrogates; U+FFFE, U+FFFF), or -1. */
function forbiddenCharacter(text: string): number {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return k;
    if (c === 0xfffe || c === 0xffff) return k;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(k + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return k;
      k++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return k;
  }
  return -1;
}

/**
 * Whether a character reference may name `code`: a character XML 1.0 allows (not a C0 control
 * but tab, newline and return, not a surrogate, not U+FFFE/U+FFFF, not beyond U+10FFFF) that the
 * one rule for text from outside (contract/plain-text.ts) accepts too, so not DEL or a C1
 * control (U+007F–U+009F, NEL and CSI among them), a bidirectional control or a noncharacter
 * (U+FDD0–U+FDEF, the last two code points of every plane). XML allows some of those but
 * discourages them; written out they are refused by that rule, so a reference must not be a way
 * round it. Refused here, the message can say where in the file.
 */
const referable = (code: number): boolean => code <= 0x10ffff && plainTextProblem(String.fromCodePoint(code)) === null;

const codePoint = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** The pseudo-attributes an XML declaration may have, in the order it must give them. */
const declarationParts = ['version', 'encoding', 'standalone'];

/**
 * A strict, small XML reader for the subset a model card uses: an optional XML declaration,
 * comments, elements, attributes, character data, CDATA, the five predefined entities and
 * character references. Nothing else is understood, so nothing else can be abused: no DTD, no
 * entity definitions, no external anything (screenXml has already refused those). Written here
 * rather than taken from a library because the subset is this small and a library's job —
 * supporting the rest of XML — is exactly what must stay switched off.
 */
export function parseXml(text: string, options: XmlReading = {}): XmlElement {
  const what = options.what ?? 'The model card';
  const elementLimit = options.maxElements ?? maxXmlElements;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let elements = 0;
  const malformed = (why: string, at = i): DomainError => {
    const where = lineColumn(text, at);
    return new DomainError('PACKAGE_MALFORMED', `${what} is not well-formed XML: ${why} at line ${where.line}, column ${where.column}.`, {
      line: where.line,
      column: where.column,
    });
  };
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const readName = (): string => {
    const start = i;
    if (!nameStart.test(text[i] ?? '')) throw malformed('a name was expected');
    while (i < text.length && nameChar.test(text[i] as string)) i++;
    return text.slice(start, i);
  };
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  const decode = (raw: string, offset: number): string =>
    raw.replace(/&([^;&\s]*);?/g, (whole, ref: string, at: number) => {
      if (!whole.endsWith(';')) throw malformed('an unterminated entity reference', offset + at);
      if (ref in predefined) return predefined[ref] as string;
      const code = /^#x[0-9A-Fa-f]{1,6}$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]{1,7}$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
      if (Number.isNaN(code)) throw malformed(`an undefined entity &${ref}; (only the five predefined entities are allowed)`, offset + at);
      if (!referable(code)) throw malformed(`a character reference &${ref}; to ${code > 0x10ffff ? 'a number beyond the last Unicode character' : `${codePoint(code)}, a character Vigil does not accept in text from outside`}`, offset + at);
      return String.fromCodePoint(code);
    });
  /** A comment: "--" may appear in it only as the start of its closing "-->" (so "--->" is refused too). */
  const skipComment = () => {
    const end = text.indexOf('-->', i + 4);
    if (end === -1) throw malformed('an unterminated comment');
    const dashes = text.indexOf('--', i + 4);
    if (dashes < end) throw malformed('"--" inside a comment (XML allows it only in the closing "-->")', dashes);
    i = end + 3;
  };
  /**
   * The XML declaration, read strictly: version="1.0", then optionally encoding and standalone,
   * nothing else. Vigil has read the file's bytes as UTF-8, so any other encoding named means
   * the file is not what it says it is (and another reader would read it differently): refused.
   */
  const readDeclaration = () => {
    const end = text.indexOf('?>', i);
    if (end === -1) throw malformed('an unterminated XML declaration');
    if (!/^<\?xml\s/.test(text.slice(i, i + 6))) throw malformed('an XML declaration was expected ("<?xml version="1.0" …?>")');
    const pseudo = /\s+([^\s=?]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
    let next = 0;
    pseudo.lastIndex = i + 5;
    for (let m = pseudo.exec(text); m && pseudo.lastIndex <= end; m = pseudo.exec(text)) {
      const name = m[1] ?? '';
      const value = m[2] ?? m[3] ?? '';
      const nameAt = m.index + (m[0].length - m[0].trimStart().length);
      const valueAt = m.index + m[0].length - value.length - 1;
      const place = declarationParts.indexOf(name);
      if (place === -1) throw malformed(`the XML declaration has "${name}", which is not version, encoding or standalone`, nameAt);
      if (place < next || (next === 0 && place !== 0)) throw malformed('the XML declaration must give version first, then encoding and standalone, each at most once', nameAt);
      next = place + 1;
      if (name === 'version' && value !== '1.0') throw malformed(`the XML declaration says version "${value}"; Vigil reads XML 1.0 only`, valueAt);
      if (name === 'standalone' && value !== 'yes' && value !== 'no') throw malformed(`the XML declaration says standalone "${value}" (only "yes" or "no")`, valueAt);
      if (name === 'encoding' && !/^utf-8$/i.test(value)) {
        const where = lineColumn(text, valueAt);
        throw new DomainError('XML_UNSAFE', `${what} is refused: its XML declaration names the encoding "${value}" at line ${where.line}, column ${where.column}. Vigil reads UTF-8 XML only: save the file as UTF-8 and try again.`, {
          found: 'encoding',
          line: where.line,
          column: where.column,
        });
      }
      i = pseudo.lastIndex;
    }
    if (next === 0) throw malformed('the XML declaration must begin with version="1.0"', i + 5);
    skipSpace();
    if (i !== end) throw malformed('the XML declaration cannot be read from here');
    i = end + 2;
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<!--', i)) skipComment();
      else if (text.startsWith('<?', i)) throw malformed('a processing instruction'); // screenXml refuses these first
      else return;
    }
  };

  const readElement = (depth: number): XmlElement => {
    if (depth > maxXmlDepth) {
      const where = lineColumn(text, i);
      throw new DomainError('XML_UNSAFE', `${what} is refused: elements nest deeper than ${maxXmlDepth} levels (line ${where.line}).`, { found: 'depth', line: where.line, column: where.column });
    }
    if (++elements > elementLimit) throw new DomainError('XML_UNSAFE', `${what} is refused: it has more than ${elementLimit} elements.`, { found: 'elements' });
    i++; // '<'
    const qname = readName();
    const seen = new Set<string>();
    const attributes: [string, string][] = [];
    for (;;) {
      const before = i;
      skipSpace();
      if (text.startsWith('/>', i)) {
        i += 2;
        return { name: local(qname), text: '', attributes, children: [] };
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      if (i === before) throw malformed(`a space, ">" or "/>" was expected in <${qname}>`);
      const attr = readName();
      if (seen.has(attr)) throw malformed(`the attribute ${attr} is repeated`);
      seen.add(attr);
      skipSpace();
      if (text[i] !== '=') throw malformed(`"=" was expected after the attribute ${attr}`);
      i++;
      skipSpace();
      const quote = text[i];
      if (quote !== '"' && quote !== "'") throw malformed(`the value of ${attr} must be quoted`);
      const end = text.indexOf(quote, i + 1);
      if (end === -1) throw malformed(`the value of ${attr} is not closed`);
      const value = text.slice(i + 1, end);
      if (value.includes('<')) throw malformed(`"<" in the value of ${attr}`, i + 1 + value.indexOf('<'));
      attributes.push([attr, decode(value, i + 1)]);
      i = end + 1;
    }
    const element: XmlElement = { name: local(qname), text: '', attributes, children: [] };
    const parts: string[] = [];
    for (;;) {
      if (i >= text.length) throw malformed(`<${qname}> is not closed`);
      if (text.startsWith('</', i)) {
        i += 2;
        const closing = readName();
        if (closing !== qname) throw malformed(`</${closing}> closes <${qname}>`);
        skipSpace();
        if (text[i] !== '>') throw malformed(`">" was expected after </${closing}`);
        i++;
        element.text = parts.join('');
        return element;
      }
      if (text.startsWith('<!--', i)) skipComment();
      else if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i + 9);
        if (end === -1) throw malformed('an unterminated CDATA section');
        parts.push(text.slice(i + 9, end));
        i = end + 3;
      } else if (text[i] === '<') {
        element.children.push(readElement(depth + 1));
      } else {
        const end = text.indexOf('<', i);
        const raw = text.slice(i, end === -1 ? text.length : end);
        if (raw.includes(']]>')) throw malformed('"]]>" in character data', i + raw.indexOf(']]>'));
        parts.push(decode(raw, i));
        i += raw.length;
      }
    }
  };

  const bad = forbiddenCharacter(text);
  if (bad !== -1) throw malformed(`a character XML does not allow (${codePoint(text.codePointAt(bad) ?? 0)})`, bad);
  // Only the very start may hold the XML declaration (screenXml has refused any other "<?").
  if (text.startsWith('<?', i)) readDeclaration();
  skipMisc();
  if (text[i] !== '<') throw malformed(i >= text.length ? 'there is no root element' : 'text before the root element');
  const root = readElement(1);
  skipMisc();
  if (i < text.length) throw malformed('content after the root element');
  return root;
}
