// Single sign-on: bearer tokens from an organisation's identity provider, verified against its JWKS, with a role claim.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { ErrorCode } from '../../schema/errors.js';
import { isRole, ROLES, type Role } from '../../schema/roles.js';
import { refusedRequest } from './errors.js';

/** Declared here, where it is used; server/config.ts reads it from the environment. */
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
      throw refusedRequest(
        ErrorCode.UNAUTHENTICATED,
        `The sign-in token was not accepted (${(error as Error).message}); sign in again.`,
      );
    }
    const role = claims[settings.roleClaim];
    if (!isRole(role)) {
      throw refusedRequest(
        ErrorCode.FORBIDDEN,
        `The sign-in token has no Partnership Hub role in its "${settings.roleClaim}" claim: ask your administrator to grant ${ROLES.join(', ')}.`,
      );
    }
    return role;
  };
}
