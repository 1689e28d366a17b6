// Source documents to the words: one document by id or key, and its passages with the records and links each holds,
// for analysts and for the document's plain page.
import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Label } from '../../../schema/graph.js';
import { DocumentPassage, type PassageLink } from '../../../schema/graphql/document-passage.js';
import { SourceDocument } from '../../../schema/graphql/index.js';
import { documentPath, passageOf, passagesOf } from '../../../schema/graphql/passage.js';
import { type DocumentQuotations, documentQuotations } from '../../database/documents.js';
import type { Loaders } from '../../database/loaders.js';
import type { GraphNode } from '../../database/nodes.js';
import type { Context } from '../context.js';
import { lookup } from './support.js';

/** One loader per request (keyed by the request's loaders), so a page of documents is one round trip. */
const loaders = new WeakMap<Loaders, DataLoader<string, DocumentQuotations>>();
function quotationsOf(ctx: Context, document: GraphNode): Promise<DocumentQuotations> {
  let loader = loaders.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader((ids) => documentQuotations(ctx.db, ids));
    loaders.set(ctx.loaders, loader);
  }
  return loader.load(document.id);
}

/** Gathers a document's quotations by passage (its start), in the document's order. */
export function byPassage(key: string, { records, links }: DocumentQuotations): DocumentPassage[] {
  const passages = new Map<number, DocumentPassage>();
  const at = (passage: Omit<DocumentPassage, 'records' | 'links'>) => {
    let found = passages.get(passage.start);
    if (!found) {
      found = { ...passage, records: [], links: [] };
      passages.set(passage.start, found);
    }
    return found;
  };
  for (const record of records)
    for (const passage of passagesOf(key, record as unknown as Record<string, unknown>))
      at(passage).records.push(record.node);
  for (const link of links) {
    const passage = passageOf(link.properties);
    if (!passage || passage.document !== key) continue;
    const served: PassageLink = {
      type: link.type,
      from: link.from,
      to: link.to,
      inferred: link.properties.inferred === true,
      inference: typeof link.properties.inference === 'string' ? link.properties.inference : undefined,
    };
    at(passage).links.push(served);
  }
  return [...passages.values()].sort((a, b) => a.start - b.start);
}

@Resolver(() => SourceDocument)
export class SourceDocumentResolver {
  @Query(() => SourceDocument, {
    description: 'One source document, by id or key: its text, and the passages that hold the graph’s records.',
  })
  sourceDocument(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true, description: "The document's id." }) id?: string,
    @Arg('key', () => String, { nullable: true, description: "The document's key (a lower-case slug)." }) key?: string,
  ) {
    return lookup(ctx, Label.SourceDocument, id, key);
  }

  @FieldResolver(() => String, { description: "The document's plain page, with its quoted passages marked." })
  url(@Root() document: GraphNode): string {
    return documentPath(document.key);
  }

  @FieldResolver(() => [DocumentPassage], {
    description:
      "The passages of the document that hold records or state links, in the document's order, each with what it holds.",
  })
  async passages(@Root() document: GraphNode, @Ctx() ctx: Context): Promise<DocumentPassage[]> {
    return byPassage(document.key, await quotationsOf(ctx, document));
  }
}
