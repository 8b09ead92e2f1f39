/**
 * The entries of an AVM interface prop given as a list or as a map keyed by a stable name
 * (`privateEndpoints: [...]` or `privateEndpoints: { blob: {...} }`), as a list.
 */
export function specsOf<T>(specs: readonly T[] | Readonly<Record<string, T>> | undefined): T[] {
  if (specs === undefined) return [];
  return Array.isArray(specs) ? [...(specs as readonly T[])] : Object.values(specs as Readonly<Record<string, T>>);
}
