// /health/ready is public: when Neo4j cannot be reached it says so in general terms, and only the log has the detail.
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../../server/database/database.js';
import { Readiness } from '../../../server/health.js';
import { closedPort } from '../../support/ports.js';

describe('readiness when Neo4j is out of reach', () => {
  const logs: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(line) });
  let close: (() => Promise<void>) | undefined;
  afterAll(async () => close?.());

  it('reports a generic reason and logs what the driver said', async () => {
    const port = await closedPort();
    // A real driver with nothing at its address: the failure is the driver's own, naming where it tried.
    const db = connect({ uri: `bolt://127.0.0.1:${port}`, username: 'neo4j', password: 'unused', database: 'neo4j' });
    close = () => db.close();
    const report = await new Readiness(db, log).check();
    expect(report).toEqual({ ready: false, neo4j: 'down', migrations: 'unknown', reason: 'Neo4j is not answering.' });
    const logged = logs.map((line) => JSON.parse(line) as { msg: string; detail?: string });
    const entry = logged.find((line) => line.msg === 'not ready: Neo4j is not answering');
    expect(entry?.detail).toContain(String(port));
  });
});
