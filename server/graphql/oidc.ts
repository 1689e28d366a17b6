// Single sign-on: bearer tokens from an organisation's identity provider, verified against its JWKS, with a role claim.
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { ErrorCode } from '../errors.js';
import { ROLES, type Role } from '../database/api-keys.js';

export interface OidcSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** The claim that carries the Partnership Hub role (public, analyst or admin). */
  roleClaim: string;
}

export type OidcVerifier = (token: string) => Promise<Role>;

/** A JWT is three base64url parts; API key secrets never look like one. */
export const looksLikeJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

export function createOidcVerifier(settings: OidcSettings): OidcVerifier {
  // jose fetches the provider's keys once and again only when a token names a key it has not seen.
  const keys = createRemoteJWKSet(new URL(settings.jwksUrl));
  return async (token) => {
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, { issuer: settings.issuer, audience: settings.audience }));
    } catch (error) {
      throw new GraphQLError(`The sign-in token was not accepted (${(error as Error).message}); sign in again.`, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
    }
    const role = claims[settings.roleClaim];
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw new GraphQLError(`The sign-in token has no Partnership Hub role in its "${settings.roleClaim}" claim: ask your administrator to grant ${ROLES.join(', ')}.`, { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
    }
    return role as Role;
  };
}
