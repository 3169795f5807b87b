import type { Xml } from './ooxml.ts';

/*
 * Writes the elements built by ooxml.ts as XML text, the same bytes docx's own serialiser
 * writes for them (test/core/export/xml-text.test.ts compares the two), but in one pass with
 * no intermediate tree. docx's serialiser first copies the whole element tree into a second
 * one and then concatenates every element's text once per nesting level; for a 5,000-risk
 * register that is most of the export's time and memory. This writes each top-level block
 * as soon as it is built, so a block's elements are garbage the moment its text exists.
 */

// As docx escapes: the five XML specials, and C0 controls XML cannot carry dropped.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const special = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/;
// eslint-disable-next-line no-control-regex -- as above
const specials = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const entities: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
const escape = (value: unknown): string => {
  const text = String(value);
  return special.test(text) ? text.replace(specials, (c) => entities[c] ?? '') : text;
};

const attributes = (attrs: Record<string, unknown>): string => {
  let out = '';
  for (const key in attrs) out += ` ${key}="${escape(attrs[key])}"`;
  return out;
};

function write(node: Xml): string {
  let name = '';
  for (const key in node) {
    name = key;
    break;
  }
  const value = node[name];
  if (typeof value === 'string') return `<${name}>${escape(value)}</${name}>`;
  if (Array.isArray(value)) {
    let attrs = '';
    let body = '';
    for (const child of value as unknown[]) {
      if (typeof child !== 'object' || child === null) body += escape(child);
      else if ('_attr' in child) attrs += attributes((child as { _attr: Record<string, unknown> })._attr);
      else body += write(child as Xml);
    }
    return `<${name}${attrs}>${body}</${name}>`;
  }
  const attr = (value as { _attr?: Record<string, unknown> } | undefined)?._attr;
  return `<${name}${attr ? attributes(attr) : ''}/>`;
}

/** The XML text of one element. */
export const xmlText = (node: Xml): string => write(node);

/**
 * The XML of a sequence of blocks as UTF-8, each block written as soon as it is built. Bytes
 * rather than one string: a 30 MB body with a single character beyond Latin-1 would be a
 * 60 MB two-byte string, and then be encoded again.
 */
/**
 * The blocks as UTF-8 XML. Hands the event loop back every few milliseconds, so while a long
 * register is written the core still answers other calls (the page asking how far it has got).
 */
export async function blocksXml(blocks: Iterable<Xml>, sliceMs = 25): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let pending = '';
  let since = performance.now();
  for (const block of blocks) {
    pending += write(block);
    if (pending.length > 1 << 16) {
      chunks.push(Buffer.from(pending, 'utf8'));
      pending = '';
      if (performance.now() - since > sliceMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        since = performance.now();
      }
    }
  }
  if (pending) chunks.push(Buffer.from(pending, 'utf8'));
  return Buffer.concat(chunks);
}

