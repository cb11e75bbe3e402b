import type fc from 'fast-check';

// The operations of an OpenAPI document, with their parameters and body schemas resolved.

export type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
};

type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema };
type OperationObject = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
export type OpenApiDocument = {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Schema> };
};

export type Operation = {
  method: string;
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  body: Schema | null;
};

export type FuzzRequest = { method: string; path: string; headers: Record<string, string>; body?: Buffer };

export type FuzzContext = {
  /** ids that exist, so that some requests get past "not found" into the handlers */
  knownIds: string[];
  /** Authorization header values, the first the most privileged */
  authorizations: string[];
  /** values to use for a parameter of that name instead of what its schema says */
  overrides?: Record<string, fc.Arbitrary<string>>;
};

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const fromPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const parameters = operation.parameters ?? [];
      const body = operation.requestBody?.content?.['application/json']?.schema ?? null;
      return {
        method: method.toUpperCase(),
        path,
        pathParams: fromPath,
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: body ? resolve(document, body) : null,
      };
    }),
  );
}

function resolve(document: OpenApiDocument, schema: Schema, depth = 0): Schema {
  if (depth > 8) return {};
  const own = schema.$ref
    ? (document.components?.schemas?.[schema.$ref.split('/').pop() as string] ?? {})
    : schema;
  return {
    ...own,
    ...(own.items ? { items: resolve(document, own.items, depth + 1) } : {}),
    ...(own.properties
      ? {
          properties: Object.fromEntries(
            Object.entries(own.properties).map(([k, v]) => [k, resolve(document, v, depth + 1)]),
          ),
        }
      : {}),
  };
}
