// Structural equality of two input values, the comparison diff makes for every managed field. Inputs are plain
// JSON-like data (objects, arrays, strings, numbers, booleans, null) as the engine sends them; the comparison walks
// them with an explicit stack, so a value nested thousands of levels deep cannot overflow the call stack.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function sameValue(a: unknown, b: unknown): boolean {
  const pending: [unknown, unknown][] = [[a, b]];
  while (pending.length > 0) {
    const [left, right] = pending.pop()!;
    if (Object.is(left, right)) continue;
    if (Array.isArray(left) && Array.isArray(right)) {
      if (left.length !== right.length) return false;
      for (let index = 0; index < left.length; index++) pending.push([left[index], right[index]]);
      continue;
    }
    if (isPlainObject(left) && isPlainObject(right)) {
      const leftKeys = Object.keys(left);
      if (leftKeys.length !== Object.keys(right).length) return false;
      for (const key of leftKeys) {
        if (!Object.hasOwn(right, key)) return false;
        pending.push([left[key], right[key]]);
      }
      continue;
    }
    return false;
  }
  return true;
}
