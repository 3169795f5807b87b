import { maxModelCardBytes } from '../../../contract/index.ts';
import { DomainError } from '../../domain-error.ts';

/** One line:column for messages, counted in characters from 1. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

const unsafe = (text: string, index: number, what: string, found: string, file: string) => {
  const at = lineColumn(text, index);
  return new DomainError('XML_UNSAFE', `${file} is refused: it contains ${what} at line ${at.line}, column ${at.column}. Vigil reads plain XML only.`, {
    found,
    line: at.line,
    column: at.column,
  });
};

/**
 * The refusals that come before any parsing, so no parser ever sees them: the size cap, any
 * markup declaration (DOCTYPE, ENTITY, ELEMENT, ATTLIST, NOTATION — the doors to entity
 * expansion and external fetches) and any processing instruction but the leading XML
 * declaration. Declarations are refused even inside comments: a card has no reason to carry
 * one, and refusing is simpler than proving a comment harmless.
 */
export function screenXml(text: string, file = 'The model card', maxBytes = maxModelCardBytes): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `${file} is ${(bytes / 1048576).toFixed(1)} MB; it is limited to ${(maxBytes / 1048576).toFixed(0)} MB.`, { size: bytes });
  }
  const declaration = /<!\s*([A-Za-z]+)/g;
  for (let m = declaration.exec(text); m; m = declaration.exec(text)) {
    const keyword = (m[1] ?? '').toUpperCase();
    const end = text.indexOf('>', m.index);
    const body = text.slice(m.index, end === -1 ? undefined : end + 1);
    const external = /\b(SYSTEM|PUBLIC)\b\s*("[^"]*"|'[^']*')?/i.exec(body);
    if (external) {
      const reference = `${external[1]?.toUpperCase()}${external[2] ? ` ${external[2]}` : ''}`;
      throw unsafe(text, m.index, `an external reference (${reference}) in a <!${keyword}> declaration`, reference, file);
    }
    throw unsafe(text, m.index, `a <!${keyword}> declaration`, `<!${keyword}`, file);
  }
  const instruction = /<\?\s*([^\s?>]*)/g;
  for (let m = instruction.exec(text); m; m = instruction.exec(text)) {
    const target = m[1] ?? '';
    const leading = text.slice(0, m.index).replace(/^\uFEFF/, '') === '';
    if (target === 'xml' && leading) continue;
    throw unsafe(text, m.index, target.toLowerCase() === 'xml' ? 'an XML declaration that is not at the very start' : `a processing instruction (<?${target})`, `<?${target}`, file);
  }
}
