/**
 * Ids and keys that come from the sender (action ids, form ids, field ids) are looked up and stored as own
 * properties only: never resolved through Object.prototype ('constructor', 'toString', '__proto__' …).
 */
export const own = <T>(table: Readonly<Record<string, T>>, id: string): T | undefined =>
  Object.hasOwn(table, id) ? table[id] : undefined;

/** `record[key] = value` as an own property, even for '__proto__' (a plain assignment would replace the prototype). */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
