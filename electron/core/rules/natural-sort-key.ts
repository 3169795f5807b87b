/**
 * The key a name sorts by (docs/lists.md, "Natural order for names"): "Clinical AI product 2"
 * before "Clinical AI product 10". Letters A–Z are folded to lower case and every run of digits
 * is padded with zeros to 10 digits; the key is stored beside the name and compared byte-wise,
 * so both engines sort identically and through an index.
 *
 * Only A–Z are folded, not every capital letter: that is the folding SQLite's and PostgreSQL's
 * `lower()` share under any locale, so migration 010's SQL twin on PostgreSQL
 * (`vigil_natural_sort_key`) gives the same key for any name, and a key written by this rule
 * never disagrees with one the migration wrote. A run longer than 10 digits is kept whole.
 */
export const naturalSortDigits = 10;

export function naturalSortKey(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => letter.toLowerCase()).replace(/[0-9]+/g, (run) => run.padStart(naturalSortDigits, '0'));
}
