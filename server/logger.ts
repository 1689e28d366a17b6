// The JSON logger (pino) shared by the service, the local Neo4j supervisor and the importer.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'partnership-hub'): Logger {
  return pino({
    name,
    level,
    // Secrets must never reach a log line, whichever object they arrive in.
    redact: {
      paths: ['password', '*.password', 'neo4j.password', 'req.headers.authorization', 'req.headers["x-api-key"]'],
      censor: '[redacted]',
    },
  });
}
