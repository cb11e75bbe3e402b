/** The end of every switch on a union: a case left out fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}
