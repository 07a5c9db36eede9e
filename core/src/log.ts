import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stderr, so stdout stays free for command output. */
export function createLogger(level: string, name: string): Logger {
  return pino({ name, level, redact: ['password', '*.password', 'headers.authorization'] }, pino.destination(2));
}
