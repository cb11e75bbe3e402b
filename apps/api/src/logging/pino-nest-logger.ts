import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

// Nest's own and the app's `new Logger(context)` records, into the same pino stream as the
// requests (nestjs-pino does this too, but its current release wants Node 22). Nest's `log` level
// is its start-up chatter (modules, routes): debug here.
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  error(message: unknown, ...rest: unknown[]) {
    // Nest passes (message, stack?, context?): the stack goes in its own field, never the message.
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    this.logger.error({ context, ...(stack ? { stack } : {}) }, text(message));
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string) {
    this.write('fatal', message, context);
  }

  private write(level: 'debug' | 'warn' | 'trace' | 'fatal', message: unknown, context?: string) {
    this.logger[level]({ context }, text(message));
  }
}

const text = (message: unknown) =>
  message instanceof Error
    ? message.message
    : typeof message === 'string'
      ? message
      : JSON.stringify(message);
