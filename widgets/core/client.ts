// The widgets' GraphQL client: queries as cacheable GETs named by their hash (automatic persisted queries), anything
// else as a POST; errors turned into HubError with a stable code.
import type { ErrorCode, HubErrorCode } from '../../contract/errors.js';

/** Why a request failed: a code the service sent (BAD_USER_INPUT, NOT_FOUND, RATE_LIMITED, ...), or NETWORK and its kin. */
export class HubError extends Error {
  /** @param argument the query argument the service blamed, when it named one (near.postcode). */
  constructor(
    readonly code: HubErrorCode,
    message: string,
    readonly argument?: string,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: ErrorCode; argument?: string } }[];
  /** Refusals outside GraphQL (rate limit, body too large) carry their code here. */
  error?: ErrorCode;
  message?: string;
}

interface GraphQLRequest {
  query?: string;
  operationName?: string;
  variables: Record<string, unknown>;
  extensions?: { persistedQuery: { version: 1; sha256Hash: string } };
}

/** Longer URLs are refused by some proxies and servers (8 KB is a common limit), so a longer document goes by POST. */
const MAX_GET_URL = 8 * 1024;

/** Only documents that are plainly queries (named, or the `{ ... }` shorthand) are sent by GET: never a mutation. */
const QUERY = /^\s*(?:query\b\s*(\w*)|\{)/;

const hashes = new Map<string, Promise<string | undefined>>();

/**
 * The document's SHA-256 in hex, as the service computes it, or undefined where the browser cannot hash. Hashed
 * here rather than at build time because the hash is then of exactly the string sent, so the two cannot drift
 * apart, and no build step is needed. `crypto.subtle` exists only in secure contexts (https pages and localhost),
 * which council sites are; a page served over plain http falls back to POST: correct, just not cached by browsers.
 */
function sha256(document: string): Promise<string | undefined> {
  let hash = hashes.get(document);
  if (!hash) {
    const subtle = globalThis.crypto?.subtle;
    hash = subtle
      ? subtle.digest('SHA-256', new TextEncoder().encode(document)).then(
          (digest) => Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join(''),
          () => undefined,
        )
      : Promise.resolve(undefined);
    hashes.set(document, hash);
  }
  return hash;
}

export class HubClient {
  /** @param api the service's address, such as https://hub.example.org; the widgets' own origin when empty. */
  constructor(
    private readonly api: string,
    private readonly key?: string,
  ) {}

  /**
   * Runs a query. A query goes first as a GET carrying only its hash, which browsers and proxies may answer from
   * their caches (the service marks public answers cacheable for 60 s); when the service does not know the hash
   * yet (it restarted, or another instance answered) it says PERSISTED_QUERY_NOT_FOUND, and the document is sent
   * once in full with its hash, which teaches the service the hash for next time.
   */
  async query<T>(document: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
    const query = QUERY.exec(document);
    const sha256Hash = query ? await sha256(document) : undefined;
    if (!sha256Hash) return this.send<T>('POST', { query: document, variables }, signal);
    const persisted: GraphQLRequest = {
      operationName: query?.[1] || undefined,
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash } },
    };
    try {
      return await this.send<T>('GET', persisted, signal);
    } catch (error) {
      if (!(error instanceof HubError) || error.code !== 'PERSISTED_QUERY_NOT_FOUND') throw error;
    }
    const full = { ...persisted, query: document };
    return this.send<T>(this.url(full).length <= MAX_GET_URL ? 'GET' : 'POST', full, signal);
  }

  private url(request?: GraphQLRequest): string {
    const endpoint = `${this.api.replace(/\/$/, '')}/graphql`;
    if (!request) return endpoint;
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(request)) {
      if (value !== undefined) search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    return `${endpoint}?${search}`;
  }

  private async send<T>(method: 'GET' | 'POST', request: GraphQLRequest, signal?: AbortSignal): Promise<T> {
    // A GET has no body to make it non-simple, so it names a header that the service's protection against
    // cross-site request forgery asks for (a cross-origin page's browser must then ask CORS first).
    const headers: Record<string, string> =
      method === 'GET' ? { 'apollo-require-preflight': 'true' } : { 'content-type': 'application/json' };
    if (this.key) headers['x-api-key'] = this.key;
    let response: Response;
    try {
      response = await fetch(method === 'GET' ? this.url(request) : this.url(), {
        method,
        headers,
        body: method === 'POST' ? JSON.stringify(request) : undefined,
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new HubError('NETWORK', 'The service could not be reached.');
    }
    let body: GraphQLResponse<T>;
    try {
      body = (await response.json()) as GraphQLResponse<T>;
    } catch {
      throw new HubError(
        response.ok ? 'BAD_RESPONSE' : `HTTP_${response.status}`,
        `The service answered ${response.status} without data.`,
      );
    }
    const first = body.errors?.[0];
    if (first) throw new HubError(first.extensions?.code ?? 'GRAPHQL_ERROR', first.message, first.extensions?.argument);
    if (!response.ok || body.data === undefined)
      throw new HubError(
        body.error ?? `HTTP_${response.status}`,
        body.message ?? `The service answered ${response.status}.`,
      );
    return body.data;
  }
}
