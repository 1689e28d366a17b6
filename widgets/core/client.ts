// The widgets' GraphQL client: one POST per query to the service's /graphql, errors turned into HubError with a stable code.

/** Why a request failed: the codes the service sends (BAD_USER_INPUT, NOT_FOUND, RATE_LIMITED, ...) or NETWORK. */
export class HubError extends Error {
  /** @param argument the query argument the service blamed, when it named one (near.postcode). */
  constructor(readonly code: string, message: string, readonly argument?: string) {
    super(message);
    this.name = 'HubError';
  }
}

interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; argument?: string } }[];
  /** Refusals outside GraphQL (rate limit, body too large) carry their code here. */
  error?: string;
  message?: string;
}

export class HubClient {
  /** @param api the service's address, such as https://hub.example.org; the widgets' own origin when empty. */
  constructor(private readonly api: string, private readonly key?: string) {}

  async query<T>(document: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.key) headers['x-api-key'] = this.key;
    let response: Response;
    try {
      response = await fetch(`${this.api.replace(/\/$/, '')}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: document, variables }), signal });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new HubError('NETWORK', 'The service could not be reached.');
    }
    let body: GraphQLResponse<T>;
    try {
      body = (await response.json()) as GraphQLResponse<T>;
    } catch {
      throw new HubError(response.ok ? 'BAD_RESPONSE' : `HTTP_${response.status}`, `The service answered ${response.status} without data.`);
    }
    const first = body.errors?.[0];
    if (first) throw new HubError(first.extensions?.code ?? 'GRAPHQL_ERROR', first.message, first.extensions?.argument);
    if (!response.ok || body.data === undefined) throw new HubError(body.error ?? `HTTP_${response.status}`, body.message ?? `The service answered ${response.status}.`);
    return body.data;
  }
}
