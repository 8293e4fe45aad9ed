import { LoggerService } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import { serializeError, serializeRequest } from './log-redaction';

/**
 * Nest's boot chatter that names each module, controller and route (some 150 lines per boot):
 * useful when debugging the wiring, noise at `info`, so it is logged at `debug`.
 */
const BOOT_DETAIL_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * pino-pretty's stream for a person at a terminal (LOG_FORMAT=pretty, set by `npm start`).
 * It is a development dependency: where it is not installed (the production image) the logs
 * stay JSON and say so once.
 */
function prettyStream(): pino.DestinationStream | undefined {
  try {
    const pretty = require('pino-pretty') as (options: object) => pino.DestinationStream;
    return pretty({
      translateTime: 'SYS:HH:MM:ss.l',
      messageFormat: '{process} {if context}[{context}] {end}{msg}',
      ignore: 'pid,hostname,process,context',
    });
  } catch {
    process.stderr.write('LOG_FORMAT=pretty: pino-pretty is not installed (a development dependency); logging JSON lines.\n');
    return undefined;
  }
}

/**
 * One pino instance per process, shared by Fastify and Nest: JSON lines on stdout (or
 * `destination`), or pino-pretty's coloured lines when `format` is 'pretty'.
 */
export function createRootLogger(
  level: string,
  processName: 'api' | 'worker' | 'cli',
  destination?: pino.DestinationStream,
  format: 'json' | 'pretty' = 'json',
): Pino {
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
  }, destination ?? (format === 'pretty' ? prettyStream() : undefined));
}

/**
 * Nest's logger interface on top of pino, so framework and app logs are the same JSON lines.
 * Nest calls `level(message, ...params, context)`; `logger.warn({ fields }, 'text')` keeps the
 * fields as JSON members and uses the text as the message.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    this.write(typeof context === 'string' && BOOT_DETAIL_CONTEXTS.has(context) ? 'debug' : 'info', message, params);
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
