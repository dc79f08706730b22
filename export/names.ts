// Resource names and TypeScript identifiers of an exported program: readable (slugged from the objects' own names),
// valid (Pulumi names and identifiers), unique and stable. Stable means the same tenant exports the same names, and
// an object keeps its name when others are added or removed: among objects whose slugs collide, the oldest keeps the
// plain slug and every other one gets a suffix from its own id, never a position.

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements " +
    "interface package private protected public await arguments eval mosaic pulumi"
  ).split(" "),
);

/** Lowercase words of `text` joined by "-", e.g. "Customer Portal (EU)" -> "customer-portal-eu"; `fallback` when nothing is left. */
export function slug(text: string, fallback: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.length > 0 ? words.join("-").slice(0, 60).replace(/-+$/, "") : fallback;
}

export interface Named {
  /** The object's id: decides the suffix when slugs collide. */
  id: string;
  /** The slug wanted for it. */
  base: string;
  /** Creation time (ISO 8601), so the oldest of a collision keeps the plain name. */
  createdAt?: string;
}

/** One unique name per object, in input order, taking `taken` names as already used (and adding to them). */
export function uniqueNames(objects: readonly Named[], taken: Set<string> = new Set()): string[] {
  const byBase = new Map<string, Named[]>();
  for (const object of objects) byBase.set(object.base, [...(byBase.get(object.base) ?? []), object]);
  const names = new Map<Named, string>();
  const order = (a: Named, b: Named) => (a.createdAt ?? "").localeCompare(b.createdAt ?? "") || a.id.localeCompare(b.id);
  for (const [base, group] of byBase) {
    const [first, ...others] = [...group].sort(order);
    for (const object of [first, ...others]) {
      let name = object === first && !taken.has(base) ? base : `${base}-${slug(object.id, "x").slice(0, 8)}`;
      for (let n = 2; taken.has(name); n++) name = `${base}-${slug(object.id, "x")}-${n}`;
      taken.add(name);
      names.set(object, name);
    }
  }
  return objects.map((object) => names.get(object) as string);
}

/** A TypeScript identifier for a resource name ("customer-portal-web" -> "customerPortalWeb"), unique within `taken`. */
export function identifier(name: string, taken: Set<string>): string {
  const [head, ...rest] = name.split("-");
  let id = head + rest.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
  if (/^[0-9]/.test(id) || RESERVED.has(id)) id = `_${id}`;
  let unique = id;
  for (let n = 2; taken.has(unique); n++) unique = `${id}${n}`;
  taken.add(unique);
  return unique;
}
