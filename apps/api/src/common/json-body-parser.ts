import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors/api-error.js';

// Fastify's own JSON parser (with its prototype-poisoning guards), except that an empty body is
// an empty command (POST …/reopen needs none) and anything but a JSON object is refused by name.
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    parse(request, text, (error, value) => {
      if (error) return done(new ApiError('INVALID_JSON', 'request body is not valid JSON'), undefined);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return done(
          new ApiError('VALIDATION_FAILED', 'request body must be a JSON object', [
            { field: 'body', errors: ['must be a JSON object'] },
          ]),
          undefined,
        );
      }
      done(null, value);
    });
  });
}
