// The service from source under tsx, alone in a process of its own so that its memory is measured apart from the load
// generator: bench/largest-response.ts starts it with BENCH_SERVICE_ENV (the service's settings as JSON) and reads
// `BENCH_READY <url>`. `npm run bench` measures the compiled build instead, as production runs it.
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { startService } from '../server/service.js';
import { READY } from './processes.js';

const config = loadConfig(JSON.parse(process.env.BENCH_SERVICE_ENV ?? '{}') as Record<string, string>);
const service = await startService(config, createLogger(config.logLevel));
process.stdout.write(`${READY} ${service.url}\n`);

const stop = () => void service.stop().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The benchmark holds stdin open; when it goes, however it went, so does this.
process.stdin.on('end', stop).resume();
