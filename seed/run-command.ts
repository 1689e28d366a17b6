// The shared ending of the admin command lines (seed, generate, export and restore): run, then exit with the
// code, or print what went wrong and exit 1.
import { ConfigError } from '../server/config.js';
import { LocalNeo4jError } from '../server/database/local-neo4j.js';

/**
 * Runs `main` and exits. A failure is printed as `explain` words it; configuration and local-database problems,
 * which already say what to do, are printed as they are when `explain` leaves them alone (returns undefined).
 */
export function runCommand(
  main: () => Promise<number>,
  explain: (error: unknown) => string | undefined,
  otherwise: string,
): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const explained = explain(error);
      if (explained !== undefined) console.error(explained);
      else if (error instanceof ConfigError || error instanceof LocalNeo4jError) console.error(error.message);
      else console.error(otherwise, error);
      process.exit(1);
    },
  );
}
