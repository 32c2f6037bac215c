import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets that may pass through request objects are redacted. */
export function createLogger(level: string, name = 'chatonce'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['req.headers.authorization', 'password', '*.password', 'secret', '*.secret', 'token', '*.token'],
      censor: '[redacted]',
    },
  });
}
