// The console's client: GraphQL by POST and the admin routes, each with the admin's key as a bearer token; every
// failure an AdminError with the service's catalogue code, its message and, for imports, the problems it found.
import type { HubErrorCode } from '../contract/errors.js';
import type { ImportProblem } from '../contract/queries/admin.js';

/** What a field of a record broke: the model's rule and how to put it right. */
export interface FieldProblem {
  field?: string;
  message: string;
  fix?: string;
}

export class AdminError extends Error {
  constructor(
    readonly code: HubErrorCode,
    message: string,
    readonly details: { argument?: string; problems?: (FieldProblem | ImportProblem)[]; status?: number } = {},
  ) {
    super(message);
    this.name = 'AdminError';
  }

  /** The key is wrong, revoked or not an admin's: the console must sign out and say why. */
  get signedOut(): boolean {
    return this.code === 'UNAUTHENTICATED';
  }
}

interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: HubErrorCode; argument?: string; problems?: FieldProblem[] } }[];
  error?: HubErrorCode;
  message?: string;
}

export class AdminApi {
  constructor(
    private readonly secret: string,
    private readonly base = '',
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.secret}`, ...extra };
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.base}${path}`, init);
    } catch {
      throw new AdminError('NETWORK', 'The service could not be reached: check your connection and try again.');
    }
  }

  async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await this.send('/graphql', {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json().catch(() => ({}))) as GraphQLAnswer<T>;
    const first = body.errors?.[0];
    if (first)
      throw new AdminError(first.extensions?.code ?? 'GRAPHQL_ERROR', first.message, {
        argument: first.extensions?.argument,
        problems: first.extensions?.problems,
        status: response.status,
      });
    if (!response.ok || body.data === undefined)
      throw new AdminError(
        body.error ?? `HTTP_${response.status}`,
        body.message ?? `The service answered ${response.status}.`,
      );
    return body.data;
  }

  /** Calls an admin route and reads its JSON answer, or throws its refusal with the problems it lists. */
  async rest<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.send(path, { ...init, headers: this.headers(init.headers as Record<string, string>) });
    const body = (await response.json().catch(() => undefined)) as
      | (T & { error?: HubErrorCode; message?: string; problems?: ImportProblem[] })
      | undefined;
    if (!response.ok)
      throw new AdminError(
        body?.error ?? `HTTP_${response.status}`,
        body?.message ?? `The service answered ${response.status}.`,
        {
          problems: body?.problems,
          status: response.status,
        },
      );
    return body as T;
  }

  /** Downloads a file from an admin route: its bytes and the name the service gives it. */
  async download(path: string): Promise<{ blob: Blob; fileName: string }> {
    const response = await this.send(path, { headers: this.headers() });
    if (!response.ok) {
      const body = (await response.json().catch(() => undefined)) as
        | { error?: HubErrorCode; message?: string }
        | undefined;
      throw new AdminError(
        body?.error ?? `HTTP_${response.status}`,
        body?.message ?? `The service answered ${response.status}.`,
      );
    }
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'partnership-hub-backup.jsonl';
    return { blob: await response.blob(), fileName };
  }
}
