// Entry point for `npm start`: runs the service until Ctrl-C or SIGTERM, then drains and stops everything it started.
import { type Config, ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { LocalNeo4jError } from './database/local-neo4j.js';
import { type RunningService, startService, VERSION } from './service.js';
import { startTracing, type Tracing } from './tracing/tracer.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);

  let service: RunningService;
  let tracing: Tracing | undefined;
  try {
    // Before the service is put together, whose hooks trace only when a tracer exists by then.
    if (config.tracesEndpoint)
      tracing = await startTracing({ endpoint: config.tracesEndpoint, serviceVersion: VERSION });
    service = await startService(config, log);
  } catch (error) {
    if (error instanceof LocalNeo4jError) {
      log.fatal({ reason: error.reason }, error.message);
    } else {
      log.fatal({ err: error }, 'the service could not start');
    }
    process.exit(1);
  }
  log.info({ url: `${service.url}/graphql` }, 'Partnership Hub is ready');

  let firstSignalAt: number | undefined;
  const shutdown = (signal: string) => {
    if (firstSignalAt !== undefined) {
      // Ctrl-C reaches npm and this process together, so one keypress can arrive twice; only a later one forces.
      if (Date.now() - firstSignalAt < 2_000) return;
      log.warn('second signal: exiting without waiting for the drain');
      process.exit(1);
    }
    firstSignalAt = Date.now();
    log.info({ signal }, 'shutting down: draining requests');
    service
      .stop()
      // The spans still buffered are sent before the process ends.
      .then(() => tracing?.stop())
      .then(
        () => {
          log.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

await main();
