import { isDashboardUrl } from '../dashboard/dashboard-assets.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// A JSON API needs no content of its own loaded: nothing may run, frame or be framed.
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
// Swagger UI (/docs): its scripts and styles come from /docs itself; it sets inline styles and
// data: images, and fetches /docs-json.
const DOCS_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

// The dashboard (/): its script and stylesheet come from this server; the charts set inline styles
// on their tooltips; it calls the API on this origin only.
const DASHBOARD_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const STATIC_HEADERS: [string, string][] = [
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
  ['referrer-policy', 'no-referrer'],
  ['strict-transport-security', 'max-age=31536000; includeSubDomains'],
  ['cross-origin-opener-policy', 'same-origin'],
];

const isDocs = (url: string) => url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?');
const isDocsAsset = (url: string) => url.startsWith('/docs/');

export function applySecurityHeaders(url: string, reply: FastifyReply): void {
  for (const [name, value] of STATIC_HEADERS) reply.header(name, value);
  reply.header(
    'content-security-policy',
    isDocs(url) ? DOCS_POLICY : isDashboardUrl(url) ? DASHBOARD_POLICY : API_POLICY,
  );
  // Answers carry business data: never kept by a browser or a shared cache. Docs assets may be.
  if (!isDocsAsset(url)) reply.header('cache-control', 'no-store');
  reply.removeHeader('x-powered-by');
}

// On every response, errors and 404s included (onSend runs for all of them; the router's own
// refusals, which run no hook, call applySecurityHeaders themselves).
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    applySecurityHeaders(request.url, reply);
    return payload;
  });
}

// CORS is @fastify/cors through Nest's enableCors (create-app.ts), off unless SALES_CORS_ORIGINS
// names origins: then exactly those get CORS headers, and any other origin none.
export const CORS_OPTIONS = {
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  allowedHeaders: [
    'Authorization',
    'Content-Type',
    'Accept',
    'Idempotency-Key',
    'If-Match',
    'X-Actor-Id',
    'X-Correlation-Id',
    'X-Causation-Id',
    'X-Request-Id',
    'Last-Event-ID',
  ],
  exposedHeaders: ['Retry-After', 'Idempotent-Replay', 'X-Request-Id'],
  maxAge: 600,
};
