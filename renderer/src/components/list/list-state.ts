import type { z } from 'zod';
import type { SortDirection } from '../../../../electron/contract/index.ts';
import type { ListParams } from '../../routing/list-href.ts';
import type { ListQuery } from '../../routing/use-hash-route.ts';

/**
 * A paged list's state and its address (docs/lists.md, "Addresses"), without React: what the
 * address's query parameters mean for a paged method, and what a state writes back. Parameters
 * are named as the method's input fields; `true` is 1; `page` is 1-based and stands for the
 * offset. A value the method would refuse is dropped and the rest of the view kept, so an old
 * or hand-edited bookmark still opens the list.
 */

/** The fields every paged input has (`pagedInput` in electron/contract/paging.ts). */
export interface PagedFields {
  search: string;
  sort: string;
  direction: SortDirection;
  offset: number;
  limit: number;
}

/** A paged method's input schema, such as `RiskPageInput`. */
export type PagedSchema = z.ZodObject;

/**
 * The values a text parameter could stand for, most literal first: text, then a number, then
 * true or false. The field's own schema picks the first it accepts.
 */
function candidates(text: string): unknown[] {
  const values: unknown[] = [text];
  if (/^-?\d+(\.\d+)?$/.test(text)) values.push(Number(text));
  if (text === '1' || text === 'true') values.push(true);
  if (text === '0' || text === 'false') values.push(false);
  return values;
}

function fieldValue(field: z.ZodType, text: string): { ok: true; value: unknown } | { ok: false } {
  for (const candidate of candidates(text)) {
    const parsed = field.safeParse(candidate);
    if (parsed.success && parsed.data !== undefined) return { ok: true, value: parsed.data };
  }
  return { ok: false };
}

/** The list's input as its address gives it: every valid parameter, defaults for the rest. */
export function readListInput<S extends PagedSchema>(schema: S, query: ListQuery | undefined): z.output<S> {
  const shape: Record<string, z.ZodType> = schema.shape;
  const kept: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(query ?? {})) {
    // The offset is addressed as a page number; `page` is read once the page size is known.
    if (key === 'offset' || key === 'page') continue;
    const field = shape[key];
    if (!field) continue;
    const value = fieldValue(field, text);
    if (value.ok) kept[key] = value.value;
  }
  const pageText = query?.page;
  if (pageText !== undefined && /^\d{1,7}$/.test(pageText) && Number(pageText) >= 1) {
    const limit = typeof kept.limit === 'number' ? kept.limit : defaultsOf(schema).limit;
    const offset = shape.offset?.safeParse((Number(pageText) - 1) * limit);
    if (offset?.success) kept.offset = offset.data;
  }
  const parsed = schema.safeParse(kept);
  // Each field was checked alone; the paged inputs have no rule across fields, so this holds.
  return parsed.success ? parsed.data : schema.parse({});
}

function defaultsOf<S extends PagedSchema>(schema: S): z.output<S> & PagedFields {
  return schema.parse({}) as z.output<S> & PagedFields;
}

/**
 * The query parameters that write a list's input: only what differs from the method's
 * defaults (a short address for the usual view), the offset as a 1-based page.
 */
export function listParams<S extends PagedSchema>(schema: S, input: z.output<S> & PagedFields): ListParams {
  const defaults: Record<string, unknown> = defaultsOf(schema);
  const params: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'offset' || value === undefined || value === null || value === defaults[key]) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') params[key] = value;
  }
  if (input.offset > 0) params.page = Math.floor(input.offset / input.limit) + 1;
  return params;
}

/**
 * A list's input after a change. Anything but the page changed (a filter, the search, the sort)
 * shows the first page of the new result: the old page number means nothing in it.
 */
export function changedInput<I extends PagedFields>(input: I, change: Partial<I>): I {
  const next = { ...input, ...change };
  for (const key of Object.keys(next) as (keyof I)[]) if (next[key] === undefined) delete next[key];
  const movedPageOnly = Object.keys(change).every((key) => key === 'offset');
  return movedPageOnly ? next : { ...next, offset: change.offset ?? 0 };
}
