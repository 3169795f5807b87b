import type { z } from 'zod';

/**
 * Decodes a JSON column with the schema of what it holds, so a row's documents come back typed
 * by validation rather than by a cast. A value that does not fit means the file was changed
 * outside Vigil: it fails loudly (INTERNAL) instead of flowing on as the wrong shape.
 */
export function decodeJson<S extends z.ZodType>(schema: S, text: string, where: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`Stored JSON in ${where} is not valid JSON.`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`Stored JSON in ${where} does not have the expected shape: ${parsed.error.message}`);
  return parsed.data;
}
