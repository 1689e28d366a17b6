// The command lines' client of a running service: finds it, authenticates as an admin, and sends them the work.
import { once } from 'node:events';
import { createWriteStream, openAsBlob } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** How long a service has to answer /health/live before the command works on the database directly. */
const PROBE_MS = 1_500;
/** How long an import waits, in all, for another one to finish before giving up. */
export const IMPORT_WAIT_MS = 10 * 60_000;

/** Where the command lines look for a service, and the secrets they may authenticate with. */
export interface ServiceSettings {
  /** HUB_URL, when set: then only that address is tried. */
  hubUrl: string | undefined;
  /** PORT, for http://localhost:PORT when HUB_URL is unset. */
  port: number;
  /** ADMIN_KEY: an admin API key's secret. */
  adminKey: string | undefined;
  /** ADMIN_TOKEN: the service's bootstrap token. */
  adminToken: string | undefined;
  /** The local admin token file a service on the embedded default writes in DATA_DIR. */
  localTokenFile: string;
}

/** A service that answered, and how this command authenticates to it. */
export interface Service {
  url: string;
  secret: string | undefined;
  /** Which secret is sent, for messages: "ADMIN_KEY", "ADMIN_TOKEN", "the local token file" or undefined. */
  authenticatedBy: string | undefined;
}

/** The service refused or failed the request: the message says why and what to do, as the service or we put it. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: { error?: string; message?: string; problems?: unknown[] } = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** The settings from the environment; `port` and `localTokenFile` come from the service's own configuration. */
export function serviceSettings(env: NodeJS.ProcessEnv, port: number, localTokenFile: string): ServiceSettings {
  const given = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  return {
    hubUrl: given('HUB_URL')?.replace(/\/+$/, ''),
    port,
    adminKey: given('ADMIN_KEY'),
    adminToken: given('ADMIN_TOKEN'),
    localTokenFile,
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(PROBE_MS) });
    // Any answer at all, even "not live", is a service on that address: the work goes there, and its answer says more.
    return true;
  } catch {
    return false;
  }
}

/**
 * The running service, or undefined when none answers on http://localhost:PORT. HUB_URL names the service to use: one
 * that does not answer there is an error, never a quiet switch to working on some database directly.
 */
export async function findService(settings: ServiceSettings): Promise<Service | undefined> {
  const url = settings.hubUrl ?? `http://localhost:${settings.port}`;
  if (!(await answers(url))) {
    if (settings.hubUrl)
      throw new ServiceError(
        `HUB_URL=${settings.hubUrl} does not answer (no reply to /health/live within ${PROBE_MS / 1000} s). Fix: start the service, correct HUB_URL, or unset HUB_URL to work on the database directly.`,
        0,
      );
    return undefined;
  }
  if (settings.adminKey) return { url, secret: settings.adminKey, authenticatedBy: 'ADMIN_KEY' };
  if (settings.adminToken) return { url, secret: settings.adminToken, authenticatedBy: 'ADMIN_TOKEN' };
  const local = await readFile(settings.localTokenFile, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  return local
    ? { url, secret: local, authenticatedBy: 'the local token file' }
    : { url, secret: undefined, authenticatedBy: undefined };
}

/** Says which way a command went, so an admin never wonders which database it changed. */
export const sentTo = (service: Service) =>
  `Sent to the running service at ${service.url}${service.authenticatedBy ? ` (authenticated by ${service.authenticatedBy})` : ''}.`;
export const WORKING_DIRECTLY = 'No service running: working on the database directly.';

/** How to authenticate, said when the service refuses. */
const HOW_TO_AUTHENTICATE =
  'Fix: set ADMIN_KEY to an admin API key (an admin creates one with npm run keys -- create --role admin --name "…"), or ADMIN_TOKEN to the service\'s ADMIN_TOKEN. A service on the embedded default started without ADMIN_TOKEN leaves a token in DATA_DIR that this command reads: run it as the same user, with the same DATA_DIR.';

function headers(service: Service, more: Record<string, string> = {}): Record<string, string> {
  return { ...(service.secret ? { authorization: `Bearer ${service.secret}` } : {}), ...more };
}

/** The service's answer as JSON, or a ServiceError saying why it refused (401 and 403 with how to authenticate). */
async function json<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not the service's JSON (a proxy's page): the status says enough.
  }
  if (response.ok) return body as T;
  const said = typeof body.message === 'string' ? body.message : `HTTP ${response.status}`;
  if (response.status === 401 || response.status === 403)
    throw new ServiceError(
      `The service at ${new URL(response.url).origin} refused: ${said}\n${HOW_TO_AUTHENTICATE}`,
      response.status,
      body,
    );
  throw new ServiceError(said, response.status, body);
}

export interface ImportRequest {
  /** Files to upload, as the admin named them. */
  files: readonly string[];
  reference: boolean;
  defaultSeed: boolean;
  dryRun: boolean;
  preferFile: boolean;
  kind: string | undefined;
  /** Refuse Open Referral UK deviations instead of normalising them. */
  strict?: boolean;
}

/** The name a file is uploaded under: its path as given when it stays inside this folder, else its own name. */
function uploadName(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative.startsWith('..') || path.isAbsolute(relative)
    ? path.basename(file)
    : relative.split(path.sep).join('/');
}

async function importForm(request: ImportRequest): Promise<FormData> {
  const form = new FormData();
  if (request.defaultSeed) form.append('defaultSeed', 'true');
  if (request.reference) form.append('reference', 'true');
  if (request.dryRun) form.append('dryRun', 'true');
  if (request.preferFile) form.append('preferFile', 'all');
  if (request.kind) form.append('kind', request.kind);
  if (request.strict) form.append('strict', 'true');
  // Blobs backed by the files, read as they are sent rather than all at once.
  for (const file of request.files) form.append('file', await openAsBlob(file), uploadName(file));
  return form;
}

/**
 * Sends an import and returns the service's report. While another import runs (409), waits as the service says
 * (Retry-After) and sends it again, saying so each time, for IMPORT_WAIT_MS at most.
 */
export async function sendImport<T>(
  service: Service,
  request: ImportRequest,
  say: (line: string) => void,
  waitMs = IMPORT_WAIT_MS,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const response = await fetch(`${service.url}/admin/api/imports`, {
      method: 'POST',
      headers: headers(service),
      body: await importForm(request),
    });
    if (response.status !== 409) return json<T>(response);
    const refusal = await json<never>(response).catch((error: ServiceError) => error);
    const seconds = Math.max(1, Number(response.headers.get('retry-after')) || 5);
    if (refusal.body.error !== 'IMPORT_RUNNING' || Date.now() - started + seconds * 1000 > waitMs) throw refusal;
    say(`${refusal.message} Waiting ${seconds} s, then sending it again.`);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}

/** Runs one GraphQL operation as the admin; its first error, if any, is thrown with the service's message. */
export async function graphql<T>(service: Service, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: headers(service, { 'content-type': 'application/json' }),
    body: JSON.stringify({ query, variables }),
  });
  const body = await json<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>(response);
  const error = body.errors?.[0];
  if (error) {
    const code = error.extensions?.code;
    throw new ServiceError(
      code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? `${error.message}\n${HOW_TO_AUTHENTICATE}` : error.message,
      response.status,
      { error: code, message: error.message },
    );
  }
  return body.data as T;
}

/** Downloads the service's online backup to `file` (0600, beside it first and renamed over it); returns the counts. */
export async function downloadExport(
  service: Service,
  file: string,
): Promise<{ nodes: number; relationships: number }> {
  const response = await fetch(`${service.url}/admin/api/export`, { headers: headers(service) });
  if (!response.ok || !response.body) await json<never>(response);
  const partial = `${file}.${process.pid}.partial`;
  const out = createWriteStream(partial, { mode: 0o600, flags: 'wx' });
  await once(out, 'open');
  try {
    await pipeline(Readable.fromWeb(response.body as never), out);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return {
    nodes: Number(response.headers.get('x-export-nodes')),
    relationships: Number(response.headers.get('x-export-relationships')),
  };
}

/** Sends a backup to restore into the service's (empty) database; returns what the service restored. */
export async function uploadRestore(
  service: Service,
  file: string,
  unchecked: boolean,
): Promise<{ nodes: number; relationships: number; keysLeftOut: number }> {
  const response = await fetch(`${service.url}/admin/api/restore${unchecked ? '?unchecked=true' : ''}`, {
    method: 'POST',
    headers: headers(service, { 'content-type': 'application/x-ndjson' }),
    body: await openAsBlob(file),
  });
  return json(response);
}

/** Asks the service to harvest the feed at `url` now; returns its report of the run (ok: false when the feed failed). */
export async function sendHarvest<T>(service: Service, url: string): Promise<T> {
  const response = await fetch(`${service.url}/admin/api/harvests`, {
    method: 'POST',
    headers: headers(service, { 'content-type': 'application/json' }),
    body: JSON.stringify({ url }),
  });
  return json(response);
}
