/**
 * `base` with the areas of `part` added (one level deep): an area only `part` has is added whole,
 * an area both have (dossiers, payments: the citizen's and the officials' texts) gets the keys of both.
 * With `into`, the areas are written into that object (the dictionary the app already hands out).
 */
export function mergeTexts<A extends object, B extends object>(base: A, part: B, into: object = { ...base }): A & B {
  const target = into as Record<string, unknown>;
  for (const [area, texts] of Object.entries(part)) {
    const before = target[area];
    target[area] = before && typeof before === 'object' ? { ...before, ...(texts as object) } : texts;
  }
  return target as A & B;
}
