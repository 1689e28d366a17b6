// The benchmark's baseline: @neo4j/graphql 7 on Apollo Server's standalone HTTP server, as that library's guide sets it
// up, over the same Neo4j; in a process of its own, started like bench/service.ts and measured the same way.
// It reports its database round trips in `x-db-round-trips` too, counted from the sessions the library opens.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j, { type Driver, type SessionConfig } from 'neo4j-driver';
import { READY } from '../processes.js';
import { BASELINE_TYPE_DEFS } from './type-defs.js';

interface BaselineContext {
  /** What the library runs its Cypher through: the driver, with each session it opens counted. */
  executionContext: Pick<Driver, 'session' | 'executeQueryBookmarkManager'>;
  roundTrips: { count: number };
}

/** The library opens one session per Cypher statement it runs, so counting sessions counts round trips. */
function countingDriver(driver: Driver, roundTrips: { count: number }): BaselineContext['executionContext'] {
  return {
    session: (config?: SessionConfig) => {
      roundTrips.count += 1;
      return driver.session(config);
    },
    executeQueryBookmarkManager: driver.executeQueryBookmarkManager,
  };
}

const roundTripHeader: ApolloServerPlugin<BaselineContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        response.http.headers.set('x-db-round-trips', String(contextValue.roundTrips.count));
      },
    };
  },
};

const target = JSON.parse(process.env.BENCH_NEO4J ?? '{}') as { uri: string; username: string; password: string };
const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password));
const schema = await new Neo4jGraphQL({ typeDefs: BASELINE_TYPE_DEFS, driver }).getSchema();
const server = new ApolloServer<BaselineContext>({ schema, plugins: [roundTripHeader] });
const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: 0 },
  context: async () => {
    const roundTrips = { count: 0 };
    return { executionContext: countingDriver(driver, roundTrips), roundTrips };
  },
});
// The standalone server's address ends in "/"; the benchmark adds /graphql, which it also answers.
process.stdout.write(`${READY} ${url.replace(/\/$/, '')}\n`);

const stop = () =>
  void server
    .stop()
    .then(() => driver.close())
    .finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop).resume();
