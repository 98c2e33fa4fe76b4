import pino, { type Logger } from 'pino';

/**
 * Structured logs with ids only. Member names, note and flag text never reach a log call; the
 * redaction below is a second line of defence should a payload ever be logged by mistake.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['*.name', '*.text', '*.password', '*.email', '*.members', '*.command.text', 'req.headers.cookie', '*.cookie'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger };
