import type { OpenAPIObject } from '@nestjs/swagger';

type Answer = { content?: Record<string, { schema?: unknown }> };
type Operation = {
  parameters?: { name: string; in: string }[];
  responses: Record<string, Answer>;
  security?: unknown[];
};

const ERROR_REF = { $ref: '#/components/schemas/ErrorDto' };
const errorAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: ERROR_REF } },
});

// Answers every route may give, said once here rather than on each of ~50 handlers, so that a client
// generator knows their body ({statusCode, code, message, details?}) everywhere.
const KEYED = {
  '401': errorAnswer('UNAUTHORIZED: no key, or an unknown one'),
  '403': errorAnswer("FORBIDDEN: the key's role may not do this"),
  '429': {
    ...errorAnswer('RATE_LIMITED: too many requests for this key; retry after Retry-After seconds'),
    headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'seconds to wait' } },
  },
};
const WRITE = {
  '409': errorAnswer('a state conflict (DEAL_CLOSED, ALREADY_IN_STAGE, IDEMPOTENCY_KEY_REUSED…)'),
  '412': errorAnswer('VERSION_MISMATCH: If-Match names another version'),
  '413': errorAnswer('PAYLOAD_TOO_LARGE: body over 1 MiB'),
  '422': errorAnswer('an unknown reference or a time out of order (UNKNOWN_STAGE, OUT_OF_ORDER…)'),
};
const COMMAND_HEADERS = [
  {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'a retry with the same key and body returns the first answer and appends nothing',
    schema: { type: 'string', maxLength: 200 },
  },
  {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'the version the command was decided against, "<version>"; else 412',
    schema: { type: 'string', example: '"3"' },
  },
  {
    name: 'X-Actor-Id',
    in: 'header',
    required: false,
    description: 'the person on whose behalf the service acts, recorded on every event',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' },
  },
  {
    name: 'X-Correlation-Id',
    in: 'header',
    required: false,
    description: "stored in the events' metadata (default: the command id) and in the request's log record",
    schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' },
  },
];

const COMMAND_ROOTS = ['pipelines', 'leads', 'deals', 'quotas'];

// @ApiProduces repeats the JSON schema under every media type; a CSV, an event stream or Prometheus
// text is a string, and saying so lets a generated client read it as text instead of parsing JSON.
function textBodiesAreStrings(operation: Operation): void {
  for (const [status, answer] of Object.entries(operation.responses)) {
    if (!status.startsWith('2')) continue;
    for (const [media, body] of Object.entries(answer.content ?? {}))
      if (media.startsWith('text/')) body.schema = { type: 'string' };
  }
}

export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const operation = value as Operation;
      const add = (answers: Record<string, Answer>) => {
        for (const [status, answer] of Object.entries(answers)) operation.responses[status] ??= answer;
      };
      textBodiesAreStrings(operation);
      if (!path.startsWith('/health')) add(KEYED);
      if (operation.parameters?.some((p) => p.in === 'query' || p.in === 'path'))
        add({ '400': errorAnswer('VALIDATION_FAILED: details list every bad field') });
      if (operation.parameters?.some((p) => p.name === 'minPosition'))
        add({ '503': errorAnswer('PROJECTION_LAGGING: minPosition not reached within 10 s') });
      if (method !== 'get' && path.startsWith('/v1/')) {
        add({ '400': errorAnswer('VALIDATION_FAILED: details list every bad field'), ...WRITE });
        if (!COMMAND_ROOTS.some((root) => path.startsWith(`/v1/${root}`))) continue;
        const known = new Set((operation.parameters ?? []).map((p) => p.name.toLowerCase()));
        operation.parameters = [
          ...(operation.parameters ?? []),
          ...COMMAND_HEADERS.filter((h) => !known.has(h.name.toLowerCase())),
        ];
      }
    }
  }
  return document;
}
