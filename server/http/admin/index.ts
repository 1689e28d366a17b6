// The admin API under /admin/api/: imports, online backup and restore, feeds to harvest, for admins only, on the running service.
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, errorMessage } from '../../../schema/errors.js';
import { SnapshotBusyError } from '../../database/backup.js';
import { ImportRunningError } from '../../database/import/lease.js';
import type { Database } from '../../database/database.js';
import type { OidcVerifier } from '../../graphql/oidc.js';
import type { ResponseStore } from '../../graphql/response-cache.js';
import { restErrorHandler, sendError } from '../errors.js';
import { backupRoutes } from './backup.js';
import { feedRoutes } from './feeds.js';
import { importRoute } from './imports.js';
import { UploadTooLargeError } from './uploads.js';

export interface AdminApiOptions {
  db: Database;
  /** The response cache, emptied when an import or a restore commits. */
  cache: ResponseStore;
  adminToken: string | undefined;
  /** The local admin token, when the service left one in DATA_DIR. */
  localToken?: string;
  oidc: OidcVerifier | undefined;
  /** ADMIN_UPLOAD_LIMIT_MB: the most one request may upload. */
  uploadLimitMb: number;
}

/** How long a refused import or backup is told to wait when nothing better is known. */
const SNAPSHOT_RETRY_AFTER_S = 30;

/**
 * The admin API's refusals in the catalogue's terms: an upload past the limit is UPLOAD_TOO_LARGE (413, with the
 * limit), another import running IMPORT_RUNNING (409, with Retry-After), a graph too busy to snapshot SNAPSHOT_BUSY;
 * everything else as every other route answers it.
 */
function adminErrors(limitMb: number) {
  return (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const status = (error as { statusCode?: number }).statusCode;
    if (error instanceof UploadTooLargeError || status === 413) {
      // The rest of the upload is not read: the connection closes after the answer rather than drain it.
      reply.header('connection', 'close');
      return sendError(reply, ErrorCode.UPLOAD_TOO_LARGE, errorMessage(ErrorCode.UPLOAD_TOO_LARGE, limitMb));
    }
    if (status === 415 || (error as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
      return sendError(reply, ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    if (error instanceof ImportRunningError) {
      reply.header('retry-after', String(error.retryAfterSeconds));
      return sendError(reply, ErrorCode.IMPORT_RUNNING, error.message);
    }
    if (error instanceof SnapshotBusyError) {
      reply.header('retry-after', String(SNAPSHOT_RETRY_AFTER_S));
      return sendError(reply, ErrorCode.SNAPSHOT_BUSY, error.message);
    }
    return restErrorHandler(error, request, reply);
  };
}

/** Registered as its own plugin, so multipart parsing and these error answers stay within /admin/api/. */
export async function adminApi(app: FastifyInstance, options: AdminApiOptions): Promise<void> {
  const access = { db: options.db, adminToken: options.adminToken, localToken: options.localToken, oidc: options.oidc };
  // Every body reaches the routes as a stream, read under ADMIN_UPLOAD_LIMIT_MB: a body of a type they do not take is
  // theirs to refuse (415, saying what to send), not a parser's 413 for being over the 1 MB that JSON may be.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  await app.register(multipart, { throwFileSizeLimit: true });
  app.setErrorHandler(adminErrors(options.uploadLimitMb));
  const routes = { access, db: options.db, cache: options.cache, uploadLimitMb: options.uploadLimitMb };
  importRoute(app, routes);
  backupRoutes(app, routes);
  feedRoutes(app, routes);
}
