/**
 * A cheap structural pre-check run before zod: rejects payloads that are too deep, too big
 * or carry prototype-polluting keys, so a hostile renderer cannot make main spend time or
 * memory in validation. zod then checks the exact shape.
 */
export interface PayloadLimits {
  maxDepth: number;
  maxNodes: number;
  maxStringLength: number;
}

export const DEFAULT_PAYLOAD_LIMITS: PayloadLimits = { maxDepth: 16, maxNodes: 20_000, maxStringLength: 64 * 1024 };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Returns null when the payload is acceptable, else a short secret-free reason. */
export function checkPayloadShape(value: unknown, limits: PayloadLimits = DEFAULT_PAYLOAD_LIMITS): string | null {
  let nodes = 0;
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (++nodes > limits.maxNodes) return `payload has more than ${limits.maxNodes} values`;
    if (depth > limits.maxDepth) return `payload is nested deeper than ${limits.maxDepth} levels`;
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) return `a string is longer than ${limits.maxStringLength} characters`;
      continue;
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return 'a number is not finite';
      continue;
    }
    if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint')
      return `unsupported value of type ${typeof v}`;
    if (v === null || typeof v !== 'object') continue;
    const proto = Object.getPrototypeOf(v);
    if (Array.isArray(v)) {
      // Check the size before walking it: a million-item array is refused without a million pushes.
      if (nodes + stack.length + v.length > limits.maxNodes) return `payload has more than ${limits.maxNodes} values`;
      for (const item of v) stack.push({ v: item, depth: depth + 1 });
      continue;
    }
    if (proto !== Object.prototype && proto !== null) return 'only plain objects are accepted';
    const keys = Reflect.ownKeys(v);
    if (nodes + stack.length + keys.length > limits.maxNodes) return `payload has more than ${limits.maxNodes} values`;
    for (const key of keys) {
      if (typeof key === 'symbol') return 'symbol keys are not accepted';
      if (FORBIDDEN_KEYS.has(key)) return `forbidden key "${key}"`;
      stack.push({ v: (v as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return null;
}
