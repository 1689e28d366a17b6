// Single sign-on: bearer tokens from an organisation's identity provider, verified against its JWKS, with a role claim.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { ErrorCode } from '../../schema/errors.js';
import { isRole, ROLES, type Role } from '../../schema/roles.js';
import type { Logger } from '../logger.js';
import { refusedRequest } from './errors.js';

/** Asymmetric signatures only: a shared-secret (HS*) or unsigned ("none") token would let anyone who knows the key mint one. */
export const OIDC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
export const DEFAULT_OIDC_ALGORITHMS = ['RS256', 'ES256'] as const;
/** RFC 9068 access tokens say `at+jwt`; most providers still say `JWT`. */
export const DEFAULT_OIDC_TOKEN_TYPES = ['at+jwt', 'JWT'] as const;

/** Declared here, where it is used; server/config.ts reads it from the environment. */
export interface OidcSettings {
  issuer: string;
  audience: string;
  /** An https address (server/config.ts refuses any other outside tests), so nobody on the path can swap the keys. */
  jwksUrl: string;
  /** The claim that carries the Partnership Hub role (public, analyst or admin). */
  roleClaim: string;
  /** The signature algorithms accepted, from OIDC_ALGORITHMS; any other is refused whatever key signed it. */
  algorithms: readonly string[];
  /** The `typ` header values accepted (compared without case and without an `application/` prefix). */
  tokenTypes: readonly string[];
}

export type OidcVerifier = (token: string) => Promise<Role>;

/** A JWT is three base64url parts; API key secrets never look like one. */
export const looksLikeJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

/** A media type as RFC 8725 compares it: `application/at+jwt` and `AT+JWT` are both `at+jwt`. */
const mediaType = (typ: string) => typ.toLowerCase().replace(/^application\//, '');

/** What a client is told, whatever jose found: its messages name claims and checks an attacker could probe. */
const NOT_ACCEPTED =
  'The sign-in token was not accepted: it may have expired, or come from another provider. Sign in again.';

export function createOidcVerifier(settings: OidcSettings, log: Logger): OidcVerifier {
  // jose fetches the provider's keys once and again only when a token names a key it has not seen.
  const keys = createRemoteJWKSet(new URL(settings.jwksUrl));
  const tokenTypes = new Set(settings.tokenTypes.map(mediaType));
  return async (token) => {
    let claims: Record<string, unknown>;
    try {
      const verified = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: [...settings.algorithms],
        // A token without an expiry would be good for ever once it leaked.
        requiredClaims: ['exp'],
      });
      const typ = verified.protectedHeader.typ;
      if (typ === undefined || !tokenTypes.has(mediaType(typ)))
        throw new Error(`token type ${JSON.stringify(typ ?? null)} is not one of ${[...tokenTypes].join(', ')}`);
      claims = verified.payload;
    } catch (error) {
      // The detail stays in the log, where whoever runs the service can see why a colleague cannot sign in.
      log.warn(
        { reason: (error as { code?: string }).code, detail: (error as Error).message },
        'sign-in token refused',
      );
      throw refusedRequest(ErrorCode.UNAUTHENTICATED, NOT_ACCEPTED);
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
