// Which calls may be large (electron/contract/call-size.ts) follows from the contract itself:
// a method is file-carrying exactly when its input declares a string longer than the ordinary
// call limit, so a new method that takes a file cannot be left at 1 MB, nor an ordinary one given 64 MB.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  contract,
  fileCarryingMethods,
  JsonStructureCheck,
  maxBodyBytesFor,
  maxBodyValuesFor,
  maxCallBytes,
  maxEvidenceBytes,
  maxFileCallBytes,
  maxFileCallValues,
  maxPackageBytes,
  methodNames,
} from '../../electron/contract/index.ts';

interface Introspected {
  _zod: { def: { type: string; checks?: Introspected[]; check?: string; maximum?: number } & Record<string, unknown> };
}

/** The longest string an input schema declares anywhere inside it (0 when none is bounded). */
function longestDeclaredString(schema: unknown, seen = new Set<unknown>()): number {
  if (seen.has(schema) || typeof schema !== 'object' || schema === null || !('_zod' in schema)) return 0;
  seen.add(schema);
  const def = (schema as Introspected)._zod.def;
  let longest = 0;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'max_length' && typeof c.maximum === 'number') longest = Math.max(longest, c.maximum);
  }
  const children: unknown[] = [def.innerType, def.element, def.in, def.out, def.valueType, def.left, def.right];
  if (def.shape && typeof def.shape === 'object') children.push(...Object.values(def.shape));
  if (Array.isArray(def.options)) children.push(...(def.options as unknown[]));
  for (const child of children) longest = Math.max(longest, longestDeclaredString(child, seen));
  return longest;
}

/** The values an input schema can hold at most: a field or scalar is one, an object adds its fields; null when a list or map makes it unbounded. */
function mostValues(schema: unknown, seen = new Set<unknown>()): number | null {
  if (seen.has(schema) || typeof schema !== 'object' || schema === null || !('_zod' in schema)) return 0;
  seen.add(schema);
  const def = (schema as Introspected)._zod.def;
  if (['array', 'record', 'map', 'set', 'tuple'].includes(def.type)) return null;
  const children: unknown[] = [def.innerType, def.in, def.out, def.left, def.right];
  if (def.shape && typeof def.shape === 'object') children.push(...Object.values(def.shape));
  if (Array.isArray(def.options)) children.push(...(def.options as unknown[]));
  let total = 1;
  for (const child of children) {
    const n = mostValues(child, seen);
    if (n === null) return null;
    total += n;
  }
  return total;
}

describe('how large one call may be', () => {
  it('finds the file inside the inputs it knows carry one (the walk itself works)', () => {
    expect(longestDeclaredString(contract['evidence.add'].input as z.ZodType)).toBeGreaterThan(25 * 1024 * 1024);
    expect(longestDeclaredString(contract['systems.create'].input as z.ZodType)).toBeLessThan(maxCallBytes);
  });

  it('gives the file-sized room to exactly the methods whose input declares a string beyond the ordinary limit', () => {
    const carrying = methodNames.filter((m) => longestDeclaredString(contract[m].input) > maxCallBytes / 2);
    expect([...fileCarryingMethods].sort()).toEqual([...carrying].sort());
    for (const m of methodNames) expect(maxBodyBytesFor(m), m).toBe(carrying.includes(m) ? maxFileCallBytes : maxCallBytes);
  });

  it('has room in a file-carrying call for the largest file the core accepts', () => {
    // A 50 MB package as JSON text, and a 25 MB evidence file as base64 (4 bytes per 3).
    expect(maxPackageBytes).toBeLessThan(maxFileCallBytes);
    expect(Math.ceil(maxEvidenceBytes / 3) * 4).toBeLessThan(maxFileCallBytes);
    expect(maxBodyBytesFor('no.such.method')).toBe(maxCallBytes);
  });

  it('gives a file-carrying call at most a thousand values, far more than any of their inputs can hold', () => {
    for (const m of fileCarryingMethods) {
      const most = mostValues(contract[m as keyof typeof contract].input);
      expect(most, `${m} has a list or map in its input`).not.toBeNull();
      expect(most ?? Infinity, m).toBeLessThan(maxFileCallValues / 10);
      expect(maxBodyValuesFor(m)).toBe(maxFileCallValues);
    }
    expect(maxBodyValuesFor('systems.list')).toBeUndefined();
    const check = new JsonStructureCheck({ maxValues: maxFileCallValues });
    expect(() => check.feed(`{"text":"${'1,'.repeat(5000)}","a":[${'1,'.repeat(maxFileCallValues - 3)}`)).not.toThrow();
    expect(() => check.feed('1,')).toThrow('more than 1,000 values is not allowed in this call');
  });
});
