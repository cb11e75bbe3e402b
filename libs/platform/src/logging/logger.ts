import { pino, type Logger, type LoggerOptions } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

// Wherever a record could carry a credential, it is replaced before it is written: API keys travel
// in Authorization (or, from a confused client, X-Api-Key or a cookie); webhook secrets in bodies.
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'authorization',
  'secret',
  '*.secret',
  'apiKey',
  '*.apiKey',
];

// JSON lines on stdout, one record per line, for a log shipper; readable lines (pino-pretty) when a
// person watches the terminal. Records are written asynchronously: under load, the records of many
// requests go out in one write instead of a blocking write each; pino writes what is still buffered
// when the process exits.
export function createLogger(
  name: string,
  level: LogLevel = 'info',
  pretty = process.stdout.isTTY === true,
): Logger {
  const options: LoggerOptions = {
    name,
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (!pretty) return pino(options, pino.destination({ dest: 1, sync: false }));
  return pino({
    ...options,
    transport: {
      target: 'pino-pretty',
      options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
    },
  });
}
