import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { errorAnswer } from './error-response.js';

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { body, retryAfter } = errorAnswer(error);
    // An unavailable store is an operating condition, not a bug: a warning without the stack.
    if (body.statusCode >= 500 && retryAfter === null)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    else if (body.statusCode >= 500) this.logger.warn(body.message);
    if (reply.sent) return;
    if (retryAfter !== null) void reply.header('retry-after', String(retryAfter));
    void reply.status(body.statusCode).send(body);
  }
}
