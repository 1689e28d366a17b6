// /metrics on a port of its own (METRICS_PORT), for a Prometheus that reaches the service over a private network.
import Fastify, { LogController } from 'fastify';
import type { Logger } from '../logger.js';
import { sendMetrics } from './http.js';

/**
 * Without keys: whoever reaches this port may read it, so it belongs on an address only the monitoring network
 * reaches (the service's HOST, or a firewall in front). Nothing else is served here.
 */
export async function startMetricsServer(host: string, port: number, log: Logger): Promise<{ close(): Promise<void> }> {
  const server = Fastify({
    loggerInstance: log.child({ server: 'metrics' }),
    logController: new LogController({ disableRequestLogging: true }),
  });
  server.get('/metrics', async (_request, reply) => sendMetrics(reply));
  await server.listen({ host, port });
  return { close: () => server.close() };
}
