/** String order of the SPEC: UTF-16 code units (JavaScript's default sort), never locale order. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
