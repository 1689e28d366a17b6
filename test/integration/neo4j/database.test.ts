// Checks over a direct connection to the local Neo4j: APOC core loaded, a failed statement's stack, and the driver's own
// stack capture that reads start without.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../support/database.js';

/**
 * Runs `start` and returns what it returned with, for each stack V8 formatted meanwhile, the number of frames it held.
 * Formatting is what the driver pays for (it reads an Error's stack as it builds a Result), and a stack's frames are
 * the ones captured when its Error was made, so a count of 0 means the capture was skipped too.
 */
function stacksFormattedDuring<T>(start: () => T): { value: T; frames: number[] } {
  const original = Error.prepareStackTrace;
  const frames: number[] = [];
  Error.prepareStackTrace = (error, callSites) => {
    frames.push(callSites.length);
    return original
      ? original(error, callSites)
      : [String(error), ...callSites.map((site) => `    at ${String(site)}`)].join('\n');
  };
  try {
    return { value: start(), frames };
  } finally {
    Error.prepareStackTrace = original;
  }
}

const DRIVER_CAPTURE_MOVED = [
  "neo4j-driver no longer formats a stack trace inside session.run's synchronous call (up to 6.3 a Result's",
  'constructor did, in neo4j-driver-core/lib/result.js, captureStacktrace). withoutStackCapture in',
  'server/database/database.ts sets Error.stackTraceLimit to 0 around that call only, so it now saves nothing: find',
  'where the driver captures the stack now and cover that instead, or remove withoutStackCapture (and withCallerStack)',
  'if the driver captures none; then measure the CPU of a loop of reads with and without it.',
].join(' ');

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

  // A canary for a driver update: the saving withoutStackCapture makes rests on where the driver captures its stack.
  describe("the driver's stack capture as a read starts", () => {
    it("happens inside session.run, synchronously, with the caller's frames (what reads start without)", async () => {
      const session = db().driver.session({ database: db().name });
      try {
        const { value: result, frames } = stacksFormattedDuring(() => session.run('RETURN 1 AS one'));
        expect((await result).records[0]?.get('one')).toBe(1);
        expect(
          frames.some((count) => count > 0),
          DRIVER_CAPTURE_MOVED,
        ).toBe(true);
      } finally {
        await session.close();
      }
    });

    it('holds no frames when the database layer starts a read, so V8 neither captures nor formats them', async () => {
      // The database layer reaches session.run before its first await, so all of the driver's capture is in this call.
      const { value: read, frames } = stacksFormattedDuring(() => db().run<{ one: number }>('RETURN 1 AS one'));
      expect((await read).records[0]?.get('one')).toBe(1);
      expect(frames.length, DRIVER_CAPTURE_MOVED).toBeGreaterThan(0);
      expect(
        frames,
        'a read started with the driver capturing stack frames: is withoutStackCapture still used?',
      ).toEqual(frames.map(() => 0));
    });
  });
});
