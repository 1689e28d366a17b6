// A statement's failure still says where it was run from, though the driver no longer captures a stack for each one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Database } from '../../../server/database/database.js';
import { testTarget } from '../../support/database.js';

describe('a failed statement', () => {
  let db: Database;
  beforeAll(() => {
    db = connect(testTarget());
  });
  afterAll(async () => {
    await db.close();
  });

  async function readThatDividesByZero(): Promise<unknown> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return await db.run('RETURN 1 / toInteger($zero) AS x', { zero: 0 });
  }

  it("keeps Neo4j's message and names the code that awaited it", async () => {
    const error = await readThatDividesByZero().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const { message, stack } = error as Error;
    expect(message).toMatch(/by zero/);
    expect(stack).toContain(message);
    // After an await, so only the awaits V8 follows can lead back to it, never a stack captured when it started.
    expect(stack).toMatch(/readThatDividesByZero/);
  });

  it('leaves V8 recording stack frames as before, whether the statement succeeds or fails', async () => {
    const limit = Error.stackTraceLimit;
    await db.run('RETURN 1');
    await db.run('RETURN 1 / 0').catch(() => undefined);
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error('here').stack?.split('\n').length).toBeGreaterThan(1);
  });
});
