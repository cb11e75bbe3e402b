// Reached only when a union grew without its switch being updated; the compiler flags it first.
export const assertNever = (value: never): never => {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`);
};
