// Resolves `about`: the service's name and version and the database's applied migrations.
import { Ctx, Query, Resolver } from 'type-graphql';
import { About } from '../../../schema/about.js';
import { MIGRATIONS } from '../../../schema/migrations.js';
import { appliedMigrations } from '../../database/migrate.js';
import type { Context } from '../context.js';

@Resolver(() => About)
export class AboutResolver {
  @Query(() => About, { description: 'The service and the state of its database schema.' })
  async about(@Ctx() ctx: Context): Promise<About> {
    const applied = await appliedMigrations(ctx.db);
    return {
      name: 'Partnership Hub',
      version: ctx.version,
      migrations: MIGRATIONS.map((m) => m.id).filter((id) => applied.has(id)),
    };
  }
}
