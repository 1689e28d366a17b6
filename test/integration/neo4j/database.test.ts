// Checks over a direct connection to the local Neo4j: APOC core loaded, and a failed statement's stack.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../support/database.js';

describe('a direct connection to the local Neo4j', () => {
  const db = useTestDatabase();

  describe('APOC core in the local Neo4j', () => {
    it('is loaded, in a 5.26 release to match Neo4j 5.26', async () => {
      const result = await db().run<{ apoc: string; neo4j: string[] }>(
        'CALL dbms.components() YIELD versions RETURN apoc.version() AS apoc, versions AS neo4j',
      );
      const { apoc, neo4j } = result.records[0]!.toObject();
      expect(apoc).toMatch(/^5\.26\./);
      expect(neo4j[0]).toMatch(/^5\.26\./);
    });

    it('answers the functions @neo4j/graphql calls, without unrestricted access', async () => {
      const result = await db().run(
        "RETURN apoc.util.validatePredicate(false, 'never raised', []) AS valid, apoc.date.convertFormat('2018-03-31', 'date', 'basic_date') AS date",
      );
      expect(result.records[0]!.toObject()).toEqual({ valid: true, date: '20180331' });
      await expect(
        db().run("RETURN apoc.util.validatePredicate(true, 'refused: %s', ['reason']) AS valid"),
      ).rejects.toThrow(/refused: reason/);
    });
  });

  // A statement's failure still says where it was run from, though the driver no longer captures a stack for each one.
  describe('a failed statement', () => {
    async function readThatDividesByZero(): Promise<unknown> {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return await db().run('RETURN 1 / toInteger($zero) AS x', { zero: 0 });
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
      await db().run('RETURN 1');
      await db()
        .run('RETURN 1 / 0')
        .catch(() => undefined);
      expect(Error.stackTraceLimit).toBe(limit);
      expect(new Error('here').stack?.split('\n').length).toBeGreaterThan(1);
    });
  });
});
