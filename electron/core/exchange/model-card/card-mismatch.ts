import type { ModelCardMismatch } from '../../../contract/index.ts';

/**
 * Whether a model card is about the system it is applied to: its product name against the
 * system's name, its developer against the system's vendor. Compared normalised (case, accents,
 * punctuation and spacing ignored; company suffixes such as "Inc." and remarks in brackets dropped
 * from developer names), and a product name may carry its version ("… 5.0", "v2") or the
 * developer's name in front ("Mediconverse Portal Assistant" for "Portal Assistant"). Anything else
 * is a mismatch to show and to confirm: a card for another product must not fill this one's answers
 * unnoticed.
 */

const companySuffixes = new Set(['inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'lp', 'plc', 'gmbh', 'ag', 'sa', 'sas', 'bv', 'nv', 'ab', 'oy', 'as', 'pty', 'corp', 'corporation', 'co', 'company', 'srl', 'spa', 'kk']);

/** Lower case, accents and punctuation gone, words split on anything that is not a letter or digit; a version such as "5.0" stays one word. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}.]+/u)
    .flatMap((w) => (/^v?\d+(\.\d+)+$/.test(w) ? [w] : w.split('.')))
    .filter((w) => w !== '');
}

/** A developer's name without bracketed remarks and company suffixes: "Mediconverse Inc. (fictional)" → "mediconverse". */
export function developerKey(name: string): string {
  return words(name.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '))
    .filter((w) => !companySuffixes.has(w))
    .join(' ');
}

const isVersion = (w: string, versions: ReadonlySet<string>) => versions.has(w) || /^v?\d+(\.\d+)*[a-z]?$/.test(w) || w === 'version' || w === 'release';

/** A product name's words without version words and without the developer's name in front. */
function productKey(name: string, developer: string, versions: ReadonlySet<string>): string {
  let w = words(name).filter((x) => !isVersion(x, versions));
  const dev = developerKey(developer).split(' ').filter((x) => x !== '');
  if (dev.length > 0 && dev.length < w.length && dev.every((d, i) => w[i] === d)) w = w.slice(dev.length);
  return w.join(' ');
}

export interface CardIdentity {
  product: string | null;
  developer: string | null;
  version: string | null;
}
export interface SystemIdentity {
  name: string;
  vendor: string;
  productVersion: string;
}

/** The mismatch between a card and a system, or null when both the product and the developer match. */
export function cardMismatch(card: CardIdentity, system: SystemIdentity): ModelCardMismatch | null {
  // Only the version strings' words with a digit: "5.0 (model mc-chat-2026-05)" must not make "model" a version word.
  const versions = new Set([...words(system.productVersion), ...words(card.version ?? '')].filter((w) => /\d/.test(w)));
  const productMatches =
    card.product !== null &&
    [system.vendor, card.developer ?? ''].some((dev) => productKey(card.product as string, dev, versions) === productKey(system.name, dev, versions) && productKey(system.name, dev, versions) !== '');
  const developerMatches = card.developer !== null && developerKey(card.developer) !== '' && developerKey(card.developer) === developerKey(system.vendor);
  if (productMatches && developerMatches) return null;
  const parts: string[] = [];
  if (!productMatches) parts.push(card.product === null ? `the card names no product (the system is "${system.name}")` : `the card is for "${card.product}", the system is "${system.name}"`);
  if (!developerMatches) parts.push(card.developer === null ? `the card names no developer (the system's vendor is "${system.vendor}")` : `the card's developer is "${card.developer}", the system's vendor is "${system.vendor}"`);
  const joined = parts.join(', and ');
  return {
    product: productMatches ? null : { card: card.product, system: system.name },
    developer: developerMatches ? null : { card: card.developer, system: system.vendor },
    message: `This model card may be for another product: ${joined}.`,
  };
}
