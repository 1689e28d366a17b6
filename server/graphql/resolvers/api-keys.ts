// Admins' view of the API keys: who holds one, what it may do, how many requests it made each day; making and revoking them.
import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ErrorCode } from '../../../schema/errors.js';
import type { Role } from '../../../schema/roles.js';
import {
  createKey,
  keyById,
  listKeys,
  newKeyProblem,
  revokeKey,
  type ApiKey,
  type DailyUsage,
} from '../../database/api-keys.js';
import { forgetKeys } from '../access.js';
import type { Context } from '../context.js';
import { withPending } from '../key-usage.js';
import { checkId, clientError } from './support.js';

@ObjectType({ description: 'Requests one API key made on one day (UTC), counted by every instance of the service.' })
export class KeyDailyUsage {
  @Field(() => String, { description: 'The day, as YYYY-MM-DD in UTC.' })
  day!: string;

  @Field(() => Int, { description: 'Requests the key made that day, whatever their answer.' })
  requests!: number;
}

@ObjectType({ description: 'An API key as admins see it: never its secret, only the prefix that tells keys apart.' })
export class ApiKeyInfo {
  @Field(() => String, { description: 'The key’s id, by which it is revoked (npm run keys -- revoke <id>).' })
  id!: string;

  @Field(() => String, { description: 'Who holds the key and what for, such as "Barnet council website".' })
  name!: string;

  @Field(() => String, { description: 'What the key may do: public, analyst or admin.' })
  role!: string;

  @Field(() => String, { description: 'The first characters of the secret, so that holders can tell keys apart.' })
  prefix!: string;

  @Field(() => [String], {
    description: 'For widget keys: the only page origins that may use the key. Empty for keys used from servers.',
  })
  origins!: string[];

  @Field(() => String, { description: 'When the key was made (ISO 8601).' })
  createdAt!: string;

  @Field(() => String, { nullable: true, description: 'When the key was revoked (ISO 8601); null while it is live.' })
  revokedAt?: string;

  @Field(() => [KeyDailyUsage], {
    description:
      'Requests per day, oldest first, for the last five weeks at most; the current minute of each instance is included by the one that answers.',
  })
  usage!: KeyDailyUsage[];
}

@ObjectType({ description: 'A key just made: its secret, shown this once and never again, and the key as listed.' })
export class CreatedApiKey {
  @Field(() => String, {
    description: 'The secret to send as "Authorization: Bearer <secret>". Only its hash is kept: copy it now.',
  })
  secret!: string;

  @Field(() => ApiKeyInfo, { description: 'The key as apiKeys lists it.' })
  key!: ApiKeyInfo;
}

const info = (key: ApiKey & { usage?: DailyUsage[] }): ApiKeyInfo => ({
  ...key,
  revokedAt: key.revokedAt ?? undefined,
  usage: withPending(key.id, key.usage ?? []),
});

@Resolver()
export class ApiKeyResolver {
  @Query(() => [ApiKeyInfo], {
    description: 'Admin: every API key, live and revoked, with its requests per day. Secrets are never shown.',
  })
  async apiKeys(@Ctx() ctx: Context): Promise<ApiKeyInfo[]> {
    return (await listKeys(ctx.db)).map(info);
  }

  @Mutation(() => CreatedApiKey, {
    description:
      'Admin: make an API key. Public keys may name the page origins a browser may use them from (widget keys); analyst and admin keys belong on servers and take none. The secret is in this answer only.',
  })
  async createApiKey(
    @Arg('role', () => String, { description: 'What the key may do: public, analyst or admin.' }) role: string,
    @Arg('name', () => String, { description: 'Who holds it and what for, such as "Barnet council website".' })
    name: string,
    @Arg('origins', () => [String], {
      nullable: true,
      description: 'For a public widget key: the page origins allowed to use it, such as https://www.barnet.gov.uk.',
    })
    origins: string[] | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<CreatedApiKey> {
    const problem = newKeyProblem(role, name, origins ?? []);
    if (problem) throw clientError(ErrorCode.BAD_USER_INPUT, problem.message, { argument: problem.argument });
    const { key, secret } = await createKey(ctx.db, name.trim(), role as Role, origins ?? []);
    ctx.log.info({ principal: ctx.principal, key: key.id, role: key.role }, 'API key created');
    return { secret, key: info(key) };
  }

  @Mutation(() => ApiKeyInfo, {
    description:
      'Admin: revoke a key by its id. This service refuses it at once, other instances within 30 s; a revoked key stays listed.',
  })
  async revokeApiKey(
    @Arg('id', () => ID, { description: 'The key’s id, as apiKeys lists it (never its secret).' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<ApiKeyInfo> {
    checkId(id);
    const revoked = await revokeKey(ctx.db, id);
    const key = await keyById(ctx.db, id);
    if (!key)
      throw clientError(ErrorCode.NOT_FOUND, `No API key has id ${id}: apiKeys lists the ids.`, { argument: 'id' });
    if (revoked === 0)
      throw clientError(ErrorCode.BAD_USER_INPUT, `The key ${id} was revoked already, at ${key.revokedAt}.`, {
        argument: 'id',
      });
    // Keys this instance looked up are remembered for a while: forget them, so the revoked one is refused at once.
    forgetKeys();
    ctx.log.info({ principal: ctx.principal, key: id }, 'API key revoked');
    return info(key);
  }
}
