import fc from 'fast-check';
import { idLike, objectFor, oddString, percentEncode, strictObjectFor, validish } from './fuzz-values.js';
import type { FuzzContext, FuzzRequest, Operation, Schema } from './openapi-operations.js';

export { operationsOf } from './openapi-operations.js';
export type { FuzzContext, FuzzRequest, OpenApiDocument, Operation } from './openapi-operations.js';

// Requests for every operation of an OpenAPI document: path parameters, query strings, headers
// and JSON bodies that are sometimes right, sometimes nearly right and often plainly wrong — wrong
// types, huge and odd strings, unknown fields, broken JSON, other content types.

// Request bodies: the schema's object (right, nearly right or wrong), any JSON, or no JSON at all.
function bodyFor(
  operation: Operation,
  context: FuzzContext,
): fc.Arbitrary<{ text: string; type: string | null }> {
  const asJson = (arbitrary: fc.Arbitrary<unknown>) =>
    arbitrary.map((value) => ({
      text: JSON.stringify(value) ?? 'null',
      type: 'application/json' as string | null,
    }));
  const model = operation.body ? objectFor(operation.body, context, 0) : fc.constant({});
  const valid = operation.body ? strictObjectFor(operation.body, context, 0) : fc.constant({});
  return fc.oneof(
    { weight: 5, arbitrary: asJson(valid) },
    { weight: 8, arbitrary: asJson(model) },
    { weight: 2, arbitrary: asJson(fc.jsonValue({ maxDepth: 4 })) },
    {
      weight: 1,
      arbitrary: fc.record({
        text: fc.oneof(
          oddString,
          asJson(model).map(({ text }) => text.slice(0, Math.max(1, text.length - 3))),
          fc.constantFrom(
            '{"__proto__":{"admin":true}}',
            '{"constructor":{"prototype":{}}}',
            '[]',
            '""',
            '{',
            '}',
          ),
        ),
        type: fc.constantFrom(
          'application/json',
          'text/plain',
          'application/xml',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=latin1',
          null,
        ),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ text: '', type: 'application/json' }) },
    // over the 1 MiB body limit
    {
      weight: 1,
      arbitrary: fc.constant({ text: `{"title":"${'y'.repeat(1_100_000)}"}`, type: 'application/json' }),
    },
  );
}

const headerText = (maxLength: number) =>
  fc.string({
    maxLength,
    unit: fc.oneof(
      { weight: 9, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
      { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)) },
    ),
  });

function headersFor(context: FuzzContext): fc.Arbitrary<Record<string, string>> {
  // each header absent half the time; present, mostly well-formed
  const optional = (arbitrary: fc.Arbitrary<string>) => fc.option(arbitrary, { freq: 1, nil: undefined });
  const mostly = (good: fc.Arbitrary<string>, bad: fc.Arbitrary<string>) =>
    fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: bad });
  const id = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/);
  return fc
    .record({
      authorization: fc.oneof(
        { weight: 8, arbitrary: fc.constant(context.authorizations[0]) },
        { weight: 3, arbitrary: fc.constantFrom(...context.authorizations) },
        { weight: 1, arbitrary: headerText(80).map((t) => `Bearer ${t}`) },
        { weight: 1, arbitrary: fc.constant('') },
      ),
      'if-match': optional(
        fc.oneof(fc.constantFrom('"1"', '"2"', '3', 'W/"1"', '*', '"999999999999999"'), headerText(40)),
      ),
      'idempotency-key': optional(mostly(fc.stringMatching(/^[a-z0-9-]{1,12}$/), headerText(260))),
      'x-actor-id': optional(mostly(fc.constantFrom('mgr-7', 'rep-1'), headerText(100))),
      'x-correlation-id': optional(mostly(id, headerText(80))),
      'x-causation-id': optional(mostly(id, headerText(80))),
      accept: optional(
        fc.constantFrom('text/csv', '*/*', 'application/xml', 'application/json', 'text/html'),
      ),
      origin: optional(fc.constantFrom('https://evil.example', 'null')),
      extra: optional(headerText(200)),
    })
    .map((headers) =>
      Object.fromEntries(
        Object.entries(headers)
          .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
          .map(([name, value]) => [name === 'extra' ? 'x-fuzz' : name, value]),
      ),
    );
}

function pathParamFor(
  context: FuzzContext,
  override: fc.Arbitrary<string> | undefined,
): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: (override ?? idLike(context)).map(percentEncode) },
    { weight: 2, arbitrary: oddString.map(percentEncode) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%', '%zz', '%2F', '%00', '..', '.', '%E0%A4%A', '%C0%AE', 'a;b', 'a,b'),
    },
  );
}

function queryFor(operation: Operation, context: FuzzContext): fc.Arbitrary<string> {
  const value = (name: string, schema: Schema): fc.Arbitrary<string> =>
    context.overrides?.[name] ??
    fc.oneof(
      {
        weight: 4,
        arbitrary: validish(schema, context, 0).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
      },
      { weight: 1, arbitrary: oddString },
    );
  const documented = fc
    .subarray(operation.query)
    .chain((params) =>
      fc.tuple(...params.map((p) => fc.tuple(fc.constant(p.name), value(p.name, p.schema), fc.boolean()))),
    );
  const unknown = fc.array(
    fc.tuple(
      oddString.filter((k) => k.length < 60),
      oddString,
    ),
    { maxLength: 2 },
  );
  return fc
    .tuple(
      documented,
      fc.option(unknown, { freq: 5 }),
      fc.option(fc.constantFrom('%', '&&&', '=', 'a[b]=1', 'a=%zz')),
    )
    .map(([known, extra, raw]) => {
      const pairs = [
        // a parameter given twice arrives as an array
        ...known.flatMap(([k, v, twice]) =>
          twice
            ? [
                [k, v],
                [k, v],
              ]
            : [[k, v]],
        ),
        ...(extra ?? []),
      ].map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`);
      if (raw) pairs.push(raw);
      return pairs.length ? `?${pairs.join('&')}` : '';
    });
}

export function requestFor(operation: Operation, context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const params = fc.tuple(
    ...operation.pathParams.map((name) => pathParamFor(context, context.overrides?.[name])),
  );
  const hasBody = operation.method !== 'GET' && operation.method !== 'HEAD';
  return fc
    .record({
      params,
      query: queryFor(operation, context),
      headers: headersFor(context),
      body: hasBody ? fc.option(bodyFor(operation, context), { freq: 12 }) : fc.constant(null),
    })
    .map(({ params, query, headers, body }) => {
      let index = 0;
      const path = operation.path.replace(/\{\w+\}/g, () => params[index++]) + query;
      const all = { ...headers };
      if (body?.type) all['content-type'] = body.type;
      return {
        method: operation.method,
        path,
        headers: all,
        body: body ? Buffer.from(body.text, 'utf8') : undefined,
      };
    });
}
