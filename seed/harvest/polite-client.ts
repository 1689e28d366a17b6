// A polite HTTP client for someone else's feed: few requests at once, a pause between them, a timeout, retries with
// back-off, and conditional requests (ETag, Last-Modified) answered from what an earlier run was sent.

/** How a harvest treats a feed; every figure has a default fit for a council's server. */
export interface Politeness {
  /** Requests in flight at once: 1 or 2. */
  concurrency: number;
  /** Pause before each request of one worker, in milliseconds. */
  delayMs: number;
  /** The longest one request may take, headers and body, in milliseconds. */
  timeoutMs: number;
  /** How many times a request that timed out, failed to connect or got a 429 or 5xx is sent again. */
  retries: number;
  /** The first retry's wait; each next one waits twice as long (or as long as Retry-After says, up to a minute). */
  backoffMs: number;
}

export const POLITENESS: Politeness = { concurrency: 2, delayMs: 100, timeoutMs: 15_000, retries: 2, backoffMs: 500 };

/** The longest a Retry-After is obeyed: a feed asking for more is treated as failing this run. */
const RETRY_AFTER_MAX_MS = 60_000;

/** What a feed sent for one URL last time, so the next run asks "has it changed?" rather than for it all again. */
export interface CachedAnswer {
  etag?: string;
  lastModified?: string;
  body: unknown;
}

/** Answers remembered between runs of one feed, by URL. */
export type AnswerCache = Map<string, CachedAnswer>;

/** Why a feed could not be read this run: its kind, the URL and what happened, for the feed's list and the log. */
export class FeedError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network' | 'http' | 'json' | 'loop' | 'invalid',
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

/** What the client did, for the run's report. */
export interface RequestCounts {
  requests: number;
  notModified: number;
  retried: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A status worth asking again for: the server is busy or failing, not refusing. */
const transient = (status: number) => status === 429 || status >= 500;

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

export class PoliteClient {
  readonly counts: RequestCounts = { requests: 0, notModified: 0, retried: 0 };

  constructor(
    private readonly politeness: Politeness = POLITENESS,
    private readonly cache: AnswerCache = new Map(),
  ) {}

  get concurrency(): number {
    return Math.max(1, Math.min(2, this.politeness.concurrency));
  }

  /** The JSON at `url`, from the feed or, when it answers 304, as it was sent before. Throws a FeedError. */
  async json(url: string): Promise<unknown> {
    const { retries, backoffMs } = this.politeness;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.once(url);
      if (!('retry' in outcome)) return outcome.body;
      const wait = outcome.retry.afterMs ?? backoffMs * 2 ** attempt;
      if (attempt >= retries || wait > RETRY_AFTER_MAX_MS) throw outcome.retry.error;
      this.counts.retried++;
      await sleep(wait);
    }
  }

  private async once(url: string): Promise<{ body: unknown } | { retry: { error: FeedError; afterMs?: number } }> {
    const { delayMs, timeoutMs } = this.politeness;
    if (delayMs > 0) await sleep(delayMs);
    const cached = this.cache.get(url);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
    this.counts.requests++;
    let response: Response;
    let text: string;
    try {
      // The timeout covers the body too: a feed that sends its headers and then stalls is as slow as one that never answers.
      const signal = AbortSignal.timeout(timeoutMs);
      response = await fetch(url, { headers, signal, redirect: 'follow' });
      text = await response.text();
    } catch (error) {
      const name = (error as Error).name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      return {
        retry: {
          error: timedOut
            ? new FeedError('timeout', url, `${url} did not answer within ${timeoutMs / 1000} s`)
            : new FeedError('network', url, `${url} could not be reached: ${(error as Error).message}`),
        },
      };
    }
    if (response.status === 304 && cached) {
      this.counts.notModified++;
      return { body: cached.body };
    }
    if (!response.ok) {
      const error = new FeedError('http', url, `${url} answered HTTP ${response.status}`);
      return transient(response.status)
        ? { retry: { error, afterMs: retryAfterMs(response) } }
        : { body: throwIt(error) };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new FeedError('json', url, `${url} did not send JSON: ${(error as Error).message}`);
    }
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    if (etag || lastModified) this.cache.set(url, { etag, lastModified, body });
    else this.cache.delete(url);
    return { body };
  }
}

function throwIt(error: Error): never {
  throw error;
}
