import fc from 'fast-check';
import type { FuzzContext, Schema } from './openapi-operations.js';

// Values for parameters and body fields: what a schema accepts (strict), nearly accepts, or not at all.

// encodeURIComponent throws on a lone surrogate; this encodes what UTF-8 makes of it (U+FFFD).
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const HUGE = 'x'.repeat(70_000);
const ODD_STRINGS = [
  '',
  ' ',
  '.',
  '..',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e400',
  '__proto__',
  'constructor',
  'toString',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x/a}',
  '\u0000',
  '\u202e\u0301',
  '\ud800',
  '😀'.repeat(40),
  '9'.repeat(400),
  HUGE,
];

export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_STRINGS) },
);

export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: oddString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1e308, -1e-308, 2 ** 53 + 1, 0.1 + 0.2) },
  { weight: 1, arbitrary: fc.constant(nested(200)) },
);

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

export const isoBetween = (min: string, max: string) =>
  fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true }).map((d: Date) => d.toISOString());

export function idLike(context: FuzzContext): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...context.knownIds) },
    { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/) },
  );
}

/** A value its schema accepts (strict), or nearly. */
export function validish(
  schema: Schema,
  context: FuzzContext,
  depth: number,
  strict = false,
): fc.Arbitrary<unknown> {
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (strict) {
    if (schema.type === 'string' && !schema.format && !schema.pattern)
      return fc.string({
        minLength: Math.max(1, schema.minLength ?? 1),
        maxLength: Math.min(schema.maxLength ?? 20, 20),
      });
    if (schema.type === 'number' || schema.type === 'integer') {
      const max = Math.min(schema.maximum ?? 1e6, 1e6);
      const min = schema.minimum ?? 0;
      return max <= 1
        ? fc.integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) }).map((n) => n / 100)
        : fc.integer({ min: Math.ceil(min * 100), max: max * 100 }).map((n) => n / 100);
    }
    if (schema.format === 'date-time') return isoBetween('2026-01-01', new Date().toISOString());
    if (schema.type === 'array')
      return fc.array(validish(schema.items ?? {}, context, depth + 1, true), {
        minLength: 1,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    if (schema.properties) return strictObjectFor(schema, context, depth);
  }
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date-time')
        return fc.oneof(
          isoBetween('2024-01-01', new Date().toISOString()),
          isoBetween('1969-01-01', '2100-01-01'),
          fc.constantFrom('2026-02-30T00:00:00Z', '2026-03-01T10:00:00+14:00', '2026-03-01T10:00:00'),
        );
      if (schema.format === 'date')
        return fc.oneof(
          isoBetween('2020-01-01', '2030-01-01').map((s) => s.slice(0, 10)),
          fc.constantFrom('2026-02-30', '0000-01-01', '9999-12-31'),
        );
      if (schema.pattern) return idLike(context);
      return fc.string({
        minLength: 0,
        maxLength: Math.min((schema.maxLength ?? 100) + 2, 6000),
        unit: fc.oneof(fc.constant('a'), fc.constant('é'), fc.constant('😀'), fc.constant(' ')),
      });
    case 'number':
    case 'integer':
      return fc.oneof(
        fc.integer({ min: -5, max: 1_000_000 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(schema.minimum ?? 0, schema.maximum ?? 1, 0.005, 12.345, -0.01, 1e13, 1e13 + 0.01),
      );
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3
        ? fc.constant([])
        : fc.array(valueFor(schema.items ?? {}, context, depth + 1), {
            maxLength: (schema.maxItems ?? 5) + 2,
          });
    default:
      if (schema.properties) return objectFor(schema, context, depth);
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function valueFor(schema: Schema, context: FuzzContext, depth: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: validish(schema, context, depth) },
    { weight: 1, arbitrary: wrongValue },
  );
}

// Only what the schema accepts: required fields, and some of the optional ones.
export function strictObjectFor(
  schema: Schema,
  context: FuzzContext,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  return fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([k, v]) => [k, validish(v, context, depth + 1, true)]),
    ),
    { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) },
  );
}

export function objectFor(
  schema: Schema,
  context: FuzzContext,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const model = fc.record(
    Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, valueFor(v, context, depth + 1)])),
    { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) },
  );
  return fc
    .tuple(
      model,
      fc.option(
        fc.dictionary(
          oddString.filter((k) => k.length < 100),
          wrongValue,
          { maxKeys: 3 },
        ),
        { freq: 4 },
      ),
      fc.option(fc.constantFrom(...Object.keys(properties), 'x'), { freq: 3 }),
    )
    .map(([object, extra, dropped]) => {
      const result: Record<string, unknown> = { ...object, ...(extra ?? {}) };
      if (dropped) delete result[dropped];
      return result;
    });
}
