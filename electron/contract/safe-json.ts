const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

export interface SafeJsonOptions {
  /** Deepest nesting accepted; hostile files use depth to exhaust the stack. */
  maxDepth?: number;
}

/**
 * JSON.parse for anything that crosses a trust boundary: refuses prototype-polluting keys and
 * excessive nesting. Throws SyntaxError with a message that says what was wrong.
 */
export function parseUntrustedJson(text: string, options: SafeJsonOptions = {}): unknown {
  const maxDepth = options.maxDepth ?? 64;
  const value: unknown = JSON.parse(text, (key, val: unknown) => {
    if (forbiddenKeys.has(key)) throw new SyntaxError(`the key "${key}" is not allowed`);
    return val;
  });
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= maxDepth) throw new SyntaxError(`nesting deeper than ${maxDepth} levels is not allowed`);
    for (const child of Object.values(node)) stack.push({ node: child, depth: depth + 1 });
  }
  return value;
}
