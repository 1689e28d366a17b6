// Admins' view of the API keys: who holds one, what it may do, and how many requests it made each day.
import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { listKeys } from '../../database/api-keys.js';
import type { Context } from '../context.js';
import { withPending } from '../key-usage.js';

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

@Resolver()
export class ApiKeyResolver {
  @Query(() => [ApiKeyInfo], {
    description: 'Admin: every API key, live and revoked, with its requests per day. Secrets are never shown.',
  })
  async apiKeys(@Ctx() ctx: Context): Promise<ApiKeyInfo[]> {
    return (await listKeys(ctx.db)).map((key) => ({
      ...key,
      revokedAt: key.revokedAt ?? undefined,
      usage: withPending(key.id, key.usage),
    }));
  }
}
