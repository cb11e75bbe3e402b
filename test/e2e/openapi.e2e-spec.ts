import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Validator } from '@seriousme/openapi-schema-validator';
import { tempDataDir } from './support/store-targets.js';
import { startApp, testConfig, TestApp } from './support/test-app.js';

type Operation = {
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};
type Document = {
  components: { securitySchemes: Record<string, Record<string, unknown>> };
  paths: Record<string, Record<string, Operation>>;
};

describe('the OpenAPI document', () => {
  let api: TestApp;
  let document: Document;
  const data = tempDataDir();

  beforeAll(async () => {
    api = await startApp(testConfig(data.dir, null));
    document = (await api.http().get('/docs-json')).body as Document;
  });
  afterAll(async () => {
    await api.close();
    data.remove();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
    );

  it('is valid OpenAPI', async () => {
    const result = await new Validator().validate(
      structuredClone(document) as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('declares a bearer API key, not a JWT', () => {
    const schemes = Object.values(document.components.securitySchemes);
    expect(schemes).toEqual([expect.objectContaining({ type: 'http', scheme: 'bearer' })]);
    expect(schemes[0]!.bearerFormat).toBeUndefined();
  });

  it('gives every keyed route its 401, 403 and 429 with the error body', () => {
    for (const { path, operation } of operations()) {
      if (path.startsWith('/health')) continue;
      for (const status of ['401', '403', '429'])
        expect({
          path,
          status,
          schema: operation.responses[status]?.content?.['application/json']?.schema,
        }).toEqual({
          path,
          status,
          schema: { $ref: '#/components/schemas/ErrorDto' },
        });
    }
  });

  it('gives every command its headers and its 400/409/412/413/422 answers', () => {
    const commands = operations().filter(
      ({ path, method }) => method !== 'get' && /^\/v1\/(pipelines|leads|deals|quotas)/.test(path),
    );
    expect(commands.length).toBeGreaterThanOrEqual(12);
    for (const { path, operation } of commands) {
      const headers = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      expect({ path, headers }).toEqual({
        path,
        headers: expect.arrayContaining(['Idempotency-Key', 'If-Match', 'X-Actor-Id']),
      });
      for (const status of ['400', '409', '412', '413', '422'])
        expect(operation.responses[status]).toBeDefined();
    }
  });

  // A client generator types a response only from its schema: a 2xx without one gives `unknown`.
  it('gives every 2xx answer a schema, a string one for text, CSV and event streams', () => {
    const missing: string[] = [];
    for (const { path, method, operation } of operations())
      for (const [status, answer] of Object.entries(operation.responses)) {
        if (!/^2\d\d$/.test(status) || status === '204') continue;
        const content = Object.entries(answer.content ?? {});
        const typed =
          content.length > 0 &&
          content.every(([media, body]) =>
            media === 'application/json'
              ? body.schema !== undefined && JSON.stringify(body.schema) !== '{}'
              : (body.schema as { type?: string } | undefined)?.type === 'string',
          );
        if (!typed) missing.push(`${method.toUpperCase()} ${path} ${status}`);
      }
    expect(missing).toEqual([]);
  });

  it('says 503 wherever minPosition may make a read wait', () => {
    const waiting = operations().filter(({ operation }) =>
      operation.parameters?.some((p) => p.name === 'minPosition'),
    );
    expect(waiting.length).toBeGreaterThan(5);
    for (const { operation } of waiting) expect(operation.responses['503']).toBeDefined();
  });
});
