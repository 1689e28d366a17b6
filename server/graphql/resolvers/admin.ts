// Admin mutations for every kind of record: validated by the same model as imports, versioned, and audited.
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Label, Rel } from '../../../schema/graph.js';
import { Change, LinkTypeEnum, RecordKindEnum } from '../../../schema/graphql/admin.js';
import { Node } from '../../../schema/graphql/node.js';
import { formatProblem } from '../../../schema/records.js';
import { validateBatch } from '../../../schema/validate.js';
import { ErrorCode } from '../../../schema/errors.js';
import { NODE_MODEL } from '../../../schema/model.js';
import { history } from '../../database/write/audit.js';
import { editable, MANAGED } from '../../database/write/editable.js';
import { createNode, link, unlink, updateNode } from '../../database/write/edits.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { checkId, clientError } from './support.js';

function checkProperties(label: Label, key: string, properties: Record<string, unknown>, argument: string): void {
  const managed = Object.keys(properties).filter((k) => MANAGED.has(k));
  if (managed.length > 0)
    throw clientError(
      ErrorCode.BAD_USER_INPUT,
      `${managed.join(', ')} cannot be set: the service manages ${managed.length > 1 ? 'them' : 'it'}.`,
      { argument },
    );
  const { problems } = validateBatch({
    nodes: [{ label, key, properties: properties as never, origin: { file: argument } }],
    relationships: [],
  });
  if (problems.length > 0) {
    throw clientError(
      ErrorCode.BAD_USER_INPUT,
      problems.map((p) => formatProblem({ ...p, file: argument })).join('\n'),
      {
        argument,
        problems: problems.map((p) => ({ field: p.field, message: p.message, fix: p.fix })),
      },
    );
  }
}

/**
 * Refuses to remove what the service manages (without an id or version the record could not be found or edited
 * safely again) and names that are neither the model's nor the record's own: `constructor` is not a property.
 */
function checkRemovals(node: GraphNode, remove: readonly string[]): void {
  const managed = remove.filter((name) => MANAGED.has(name));
  if (managed.length > 0)
    throw clientError(
      ErrorCode.BAD_USER_INPUT,
      `${managed.join(', ')} cannot be removed: the service manages ${managed.length > 1 ? 'them' : 'it'}. Remove only the record's own properties, such as ${Object.keys(NODE_MODEL[node.__label]).slice(0, 3).join(', ')}.`,
      { argument: 'remove' },
    );
  const own = editable(node);
  const unknown = remove.filter((name) => !Object.hasOwn(NODE_MODEL[node.__label], name) && !Object.hasOwn(own, name));
  if (unknown.length > 0)
    throw clientError(
      ErrorCode.BAD_USER_INPUT,
      `${node.__label} has no property ${unknown.map((name) => `"${name}"`).join(', ')} to remove: use one of ${Object.keys(NODE_MODEL[node.__label]).join(', ')}.`,
      { argument: 'remove' },
    );
}

async function existing(ctx: Context, id: string, argument = 'id'): Promise<GraphNode> {
  checkId(id, argument);
  const node = await ctx.loaders.node.load(id);
  if (!node) throw clientError(ErrorCode.NOT_FOUND, `No record has id ${id}.`, { argument });
  return node;
}

function conflict(node: GraphNode, version: number): never {
  throw clientError(
    ErrorCode.CONFLICT,
    `${node.__label} ${node.key} has changed since version ${version}: reload it, reapply your change and send the new version.`,
    { argument: 'version' },
  );
}

@Resolver()
export class AdminResolver {
  @Mutation(() => Node, {
    description: 'Admin: create a record of any kind, with properties checked against the model.',
  })
  async createRecord(
    @Arg('kind', () => RecordKindEnum, { description: 'What kind of record.' }) kind: Label,
    @Arg('key', () => String, {
      description: 'Its natural key: an ODS or GSS code, or a lower-case slug. The id is derived from it.',
    })
    key: string,
    @Arg('properties', () => GraphQLJSONObject, {
      description: 'Its properties, as in schema/model.ts (name, kind, ...).',
    })
    properties: Record<string, unknown>,
    @Ctx() ctx: Context,
  ) {
    checkProperties(kind, key, properties, 'properties');
    const created = await createNode(ctx.db, kind, key, properties, ctx.principal);
    if (!created)
      throw clientError(ErrorCode.CONFLICT, `A ${kind} with key "${key}" exists already: update it instead.`, {
        argument: 'key',
      });
    return created;
  }

  @Mutation(() => Node, {
    description: "Admin: change a record's properties, if nobody has changed it since the version you read.",
  })
  async updateRecord(
    @Arg('id', () => ID, { description: "The record's id." }) id: string,
    @Arg('version', () => Int, {
      description: 'The version you read; a newer one means someone else changed it (CONFLICT).',
    })
    version: number,
    @Arg('set', () => GraphQLJSONObject, { nullable: true, description: 'Properties to set.' }) set:
      | Record<string, unknown>
      | null
      | undefined,
    @Arg('remove', () => [String], { nullable: true, description: 'Properties to remove.' }) remove:
      | string[]
      | null
      | undefined,
    @Ctx() ctx: Context,
  ) {
    const node = await existing(ctx, id);
    if (node.version !== version) conflict(node, version);
    checkRemovals(node, remove ?? []);
    const after = { ...editable(node), ...(set ?? {}) };
    for (const name of remove ?? []) delete after[name];
    checkProperties(node.__label, node.key, after, 'set');
    return (await updateNode(ctx.db, node, version, set ?? {}, remove ?? [], ctx.principal)) ?? conflict(node, version);
  }

  @Mutation(() => Node, {
    description:
      'Admin: retire a record. It leaves lists and searches but stays in the graph with its history; restoreRecord brings it back.',
  })
  async retireRecord(
    @Arg('id', () => ID, { description: "The record's id." }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: Context,
  ) {
    const node = await existing(ctx, id);
    if (node.version !== version) conflict(node, version);
    return (
      (await updateNode(ctx.db, node, version, {}, [], ctx.principal, 'RETIRE', { retired: true })) ??
      conflict(node, version)
    );
  }

  @Mutation(() => Node, { description: 'Admin: bring back a retired record.' })
  async restoreRecord(
    @Arg('id', () => ID, { description: "The record's id." }) id: string,
    @Arg('version', () => Int, { description: 'The version you read.' }) version: number,
    @Ctx() ctx: Context,
  ) {
    const node = await existing(ctx, id);
    if (node.version !== version) conflict(node, version);
    return (
      (await updateNode(ctx.db, node, version, {}, [], ctx.principal, 'RESTORE', { retired: false })) ??
      conflict(node, version)
    );
  }

  @Mutation(() => Boolean, {
    description: "Admin: link two records (or change the link's properties), as the model allows.",
  })
  async linkRecords(
    @Arg('type', () => LinkTypeEnum, { description: 'The kind of link.' }) type: Rel,
    @Arg('from', () => ID, { description: 'Id of the record the link starts from.' }) from: string,
    @Arg('to', () => ID, { description: 'Id of the record the link goes to.' }) to: string,
    @Arg('properties', () => GraphQLJSONObject, {
      nullable: true,
      description: "The link's properties (a partner's role, a lead's part).",
    })
    properties: Record<string, unknown> | null | undefined,
    @Ctx() ctx: Context,
  ) {
    const [a, b] = await Promise.all([existing(ctx, from, 'from'), existing(ctx, to, 'to')]);
    const { problems } = validateBatch({
      nodes: [],
      relationships: [
        {
          type,
          from: { label: a.__label, key: a.key },
          to: { label: b.__label, key: b.key },
          properties: (properties ?? {}) as never,
          origin: { file: 'link' },
        },
      ],
    });
    if (problems.length > 0)
      throw clientError(ErrorCode.BAD_USER_INPUT, problems.map((p) => `${p.message}. Fix: ${p.fix}`).join('\n'), {
        argument: 'type',
      });
    await link(ctx.db, type, a, b, properties ?? {}, ctx.principal);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Admin: remove a link between two records.' })
  async unlinkRecords(
    @Arg('type', () => LinkTypeEnum, { description: 'The kind of link.' }) type: Rel,
    @Arg('from', () => ID, { description: 'Id of the record the link starts from.' }) from: string,
    @Arg('to', () => ID, { description: 'Id of the record the link goes to.' }) to: string,
    @Ctx() ctx: Context,
  ) {
    const [a, b] = await Promise.all([existing(ctx, from, 'from'), existing(ctx, to, 'to')]);
    if (!(await unlink(ctx.db, type, a, b, ctx.principal)))
      throw clientError(
        ErrorCode.NOT_FOUND,
        `There is no ${type} link from ${a.__label} ${a.key} to ${b.__label} ${b.key}.`,
      );
    return true;
  }

  @Query(() => [Change], {
    description:
      'Admin: the imports that changed the graph, newest first, with who ran them, the files and the counts per label.',
  })
  imports(@Ctx() ctx: Context) {
    return history(ctx.db, 'import');
  }

  @Query(() => [Change], { description: 'Admin: the audit trail of a record, newest first.' })
  async history(@Arg('id', () => ID, { description: "The record's id." }) id: string, @Ctx() ctx: Context) {
    checkId(id);
    return history(ctx.db, id);
  }
}
