import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { toErrorBody } from '../errors/error-response.js';
import { ApiError } from '../errors/api-error.js';

// The dashboard is a static page built with the project (`npm run build` bundles apps/dashboard
// into dist/dashboard). Its few files are read once and served from memory; no path from the URL
// ever reaches the file system.
const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/dashboard/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/dashboard/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
};

// Asked of every response (for its security policy): no allocation, only prefix checks.
export const isDashboardUrl = (url: string): boolean =>
  url === '/' || url.startsWith('/?') || url.startsWith('/dashboard/');

/** dist/dashboard of the project this module belongs to (source or build), or null. */
export function dashboardDir(): string | null {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const built = join(dir, 'dist', 'dashboard');
      return existsSync(join(built, 'index.html')) ? built : null;
    }
  }
  return null;
}

export function registerDashboard(fastify: FastifyInstance, dir: string | null = dashboardDir()): void {
  const assets = new Map<string, { body: Buffer; type: string }>();
  if (dir)
    for (const [url, { file, type }] of Object.entries(FILES))
      assets.set(url, { body: readFileSync(join(dir, file)), type });
  for (const url of Object.keys(FILES)) {
    fastify.get(url, async (_request, reply) => {
      const asset = assets.get(url);
      if (!asset) {
        const body = toErrorBody(
          new ApiError('SERVICE_UNAVAILABLE', 'the dashboard is not built: run npm run build'),
        );
        return reply.code(body.statusCode).send(body);
      }
      return reply.type(asset.type).send(asset.body);
    });
  }
}
