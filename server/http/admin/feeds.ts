// Feeds admins register for harvesting: GET, POST and DELETE /admin/api/feeds, POST /admin/api/harvests to harvest one
// now; and the schedule that harvests registered feeds while the service runs.
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FeedInfo, HarvestReportJson } from '../../../contract/queries/admin.js';
import { ErrorCode } from '../../../schema/errors.js';
import { feedBase, FeedError } from '../../../seed/harvest/read-feed.js';
import type { Database } from '../../database/database.js';
import { FeedBusyError, listFeeds, registerFeed, unregisterFeed } from '../../database/feeds.js';
import type { ResponseStore } from '../../graphql/response-cache.js';
import { harvestFeed } from '../../harvest/run.js';
import { startHarvestSchedule } from '../../harvest/schedule.js';
import { sendError } from '../errors.js';
import { adminOf, type AdminAccess } from './auth.js';

export interface FeedRouteOptions {
  access: AdminAccess;
  db: Database;
  cache: ResponseStore;
}

/** A registration or harvest request is a few hundred bytes; anything much larger is not one. */
const BODY_LIMIT = 16 * 1024;
/** The shortest schedule: a feed harvested more often than every 15 minutes gains nothing and costs its host. */
const MIN_EVERY_MINUTES = 15;
const MAX_EVERY_MINUTES = 7 * 24 * 60;

class BodyProblem extends Error {}

/** The request's JSON object; the admin API hands bodies to routes as streams (see index.ts). */
async function jsonBody(body: unknown, contentType: string | undefined): Promise<Record<string, unknown>> {
  if (!contentType?.startsWith('application/json'))
    throw new BodyProblem(
      'Send the request as JSON (Content-Type: application/json), such as {"url": "https://example.org/oruk"}.',
    );
  let text = '';
  for await (const chunk of body as Readable) {
    text += String(chunk);
    if (text.length > BODY_LIMIT)
      throw new BodyProblem(`The request is over ${BODY_LIMIT / 1024} KB: send only url and everyMinutes.`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Said below, as for JSON that is not an object.
  }
  throw new BodyProblem('The request is not a JSON object: send {"url": "https://example.org/oruk"}.');
}

/** The feed's base URL from the request, checked, or a BodyProblem saying what to send. */
function feedUrl(given: unknown): string {
  if (typeof given !== 'string' || given.trim() === '')
    throw new BodyProblem(
      '"url" is missing: give the feed\'s base URL, the one /services follows, such as https://example.org/oruk.',
    );
  try {
    return feedBase(given.trim());
  } catch (error) {
    if (error instanceof FeedError) throw new BodyProblem(`"url": ${error.message}.`);
    throw error;
  }
}

function everyMinutes(given: unknown): number {
  if (given === undefined) return 24 * 60;
  if (typeof given !== 'number' || !Number.isInteger(given) || given < MIN_EVERY_MINUTES || given > MAX_EVERY_MINUTES)
    throw new BodyProblem(
      `"everyMinutes" is ${JSON.stringify(given)}: give a whole number of minutes from ${MIN_EVERY_MINUTES} to ${MAX_EVERY_MINUTES} (a week), or leave it out for once a day.`,
    );
  return given;
}

function refuse(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof BodyProblem) return sendError(reply, ErrorCode.BAD_USER_INPUT, error.message);
  if (error instanceof FeedBusyError) {
    reply.header('retry-after', String(error.retryAfterSeconds));
    return sendError(reply, ErrorCode.IMPORT_RUNNING, error.message);
  }
  throw error;
}

export function feedRoutes(app: FastifyInstance, options: FeedRouteOptions): void {
  const harvestOptions = { onChanged: () => options.cache.invalidate() };
  let stopSchedule: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    stopSchedule = startHarvestSchedule(options.db, harvestOptions, app.log);
  });
  app.addHook('onClose', async () => {
    await stopSchedule?.();
  });

  app.get('/admin/api/feeds', async (request, reply) => {
    if (!(await adminOf(options.access, request, reply))) return reply;
    return { feeds: await listFeeds(options.db) } satisfies { feeds: FeedInfo[] };
  });

  app.post('/admin/api/feeds', async (request, reply) => {
    const admin = await adminOf(options.access, request, reply);
    if (!admin) return reply;
    try {
      const body = await jsonBody(request.body, request.headers['content-type']);
      const unknown = Object.keys(body).filter((k) => k !== 'url' && k !== 'everyMinutes');
      if (unknown.length > 0)
        throw new BodyProblem(
          `A feed is registered with url and everyMinutes only; this request also gives ${unknown.join(', ')}.`,
        );
      const feed = await registerFeed(options.db, feedUrl(body.url), everyMinutes(body.everyMinutes), admin.principal);
      request.log.info({ principal: admin.principal, feed: feed.url }, 'feed registered');
      return reply.code(201).send({ feed } satisfies { feed: FeedInfo });
    } catch (error) {
      return refuse(reply, error);
    }
  });

  app.delete<{ Querystring: { url?: string } }>('/admin/api/feeds', async (request, reply) => {
    const admin = await adminOf(options.access, request, reply);
    if (!admin) return reply;
    try {
      const url = feedUrl(request.query.url);
      if (!(await unregisterFeed(options.db, url)))
        return sendError(
          reply,
          ErrorCode.NOT_FOUND,
          `No feed is registered at ${url}: GET /admin/api/feeds lists them.`,
        );
      request.log.info({ principal: admin.principal, feed: url }, 'feed removed');
      return reply.code(204).send();
    } catch (error) {
      return refuse(reply, error);
    }
  });

  // Harvests a feed now, registered or not, and answers with the run's report: a feed that fails is a report with
  // ok: false and the reason (the request itself was fine), the graph untouched.
  app.post('/admin/api/harvests', async (request, reply) => {
    const admin = await adminOf(options.access, request, reply);
    if (!admin) return reply;
    try {
      const body = await jsonBody(request.body, request.headers['content-type']);
      const unknown = Object.keys(body).filter((k) => k !== 'url');
      if (unknown.length > 0)
        throw new BodyProblem(`A harvest is asked for with url only; this request also gives ${unknown.join(', ')}.`);
      const report = await harvestFeed(options.db, feedUrl(body.url), { ...harvestOptions, actor: admin.principal });
      request.log.info({ principal: admin.principal, feed: report.feed, ok: report.ok }, 'harvest');
      return report satisfies HarvestReportJson;
    } catch (error) {
      return refuse(reply, error);
    }
  });
}
