import { LoggerService } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import { serializeError, serializeRequest } from './log-redaction';

/** One pino instance per process: JSON lines on stdout (or `destination`), shared by Fastify and Nest. */
export function createRootLogger(level: string, processName: 'api' | 'worker' | 'cli', destination?: pino.DestinationStream): Pino {
  return pino({
    level,
    base: { process: processName, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Fastify's request logs and every logged error pass through these: no query values, no
    // database parameters (see log-redaction.ts).
    serializers: { req: serializeRequest, err: serializeError },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken', '*.token'],
      censor: '[redacted]',
    },
  }, destination);
}

/**
 * Nest's logger interface on top of pino, so framework and app logs are the same JSON lines.
 * Nest calls `level(message, ...params, context)`; `logger.warn({ fields }, 'text')` keeps the
 * fields as JSON members and uses the text as the message.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: pino.Level, message: unknown, params: unknown[]): void {
    const strings = params.filter((p): p is string => typeof p === 'string');
    const context = strings.length > 0 ? strings[strings.length - 1] : undefined;
    const text = strings.slice(0, -1).join(' ');
    if (message instanceof Error) {
      this.pino[level]({ context, err: message }, text || message.message);
    } else if (message !== null && typeof message === 'object') {
      this.pino[level]({ context, ...(message as object) }, text);
    } else {
      this.pino[level]({ context }, text ? `${String(message)} ${text}` : String(message));
    }
  }
}
