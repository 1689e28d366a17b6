// Online backup: GET /admin/api/export streams one consistent snapshot; POST /admin/api/restore fills an empty database.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ErrorCode } from '../../../schema/errors.js';
import { DatabaseNotEmptyError, exportGraph, RestoreError, restoreGraph } from '../../database/backup.js';
import { withImportLease } from '../../database/import/lease.js';
import type { Database } from '../../database/database.js';
import type { ResponseStore } from '../../graphql/response-cache.js';
import { sendError } from '../errors.js';
import { adminOf, type AdminAccess } from './auth.js';
import { FormProblem, safeName, saveUpload, UploadBudget, uploadFolder, type UploadedFile } from './uploads.js';

export interface BackupRouteOptions {
  access: AdminAccess;
  db: Database;
  cache: ResponseStore;
  uploadLimitMb: number;
}

/** The types a backup may be sent as: the file itself, or a form with one `file` part. */
export const BACKUP_TYPE = 'application/x-ndjson';

export function backupRoutes(app: FastifyInstance, options: BackupRouteOptions): void {
  app.get('/admin/api/export', async (request, reply) => {
    const admin = await adminOf(options.access, request, reply);
    if (!admin) return reply;
    const { dir, remove } = await uploadFolder();
    try {
      // The same function as `npm run export`, into a private file first: the snapshot is checked whole (and read
      // again if a write landed in the middle of it) before a byte is sent, and then sent from the file as a stream.
      const file = path.join(dir, 'export.jsonl');
      const counts = await exportGraph(options.db, file);
      request.log.info({ principal: admin.principal, ...counts }, 'online backup');
      const stream = createReadStream(file);
      // The file goes once the answer is sent or the client gives up; until then the open stream keeps it readable.
      stream.once('close', () => void remove());
      const day = new Date().toISOString().slice(0, 10);
      return (
        reply
          .header('content-type', `${BACKUP_TYPE}; charset=utf-8`)
          .header('content-disposition', `attachment; filename="partnership-hub-${day}.jsonl"`)
          .header('cache-control', 'no-store')
          // The counts the checksum line ends with, so a client can report them without reading the file again.
          .header('x-export-nodes', String(counts.nodes))
          .header('x-export-relationships', String(counts.relationships))
          .send(stream)
      );
    } catch (error) {
      await remove();
      throw error;
    }
  });

  app.post('/admin/api/restore', async (request, reply) => {
    const admin = await adminOf(options.access, request, reply);
    if (!admin) return reply;
    const multipart = request.isMultipart();
    if (!multipart && !String(request.headers['content-type'] ?? '').startsWith(BACKUP_TYPE))
      return sendError(
        reply,
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `A restore is sent as the export file itself (Content-Type: ${BACKUP_TYPE}) or as multipart/form-data with one "file" part.`,
      );
    const unchecked = (request.query as Record<string, unknown>).unchecked === 'true';
    const budget = new UploadBudget(options.uploadLimitMb);
    budget.checkDeclared(request);
    const { dir, remove } = await uploadFolder();
    try {
      let upload: UploadedFile | undefined;
      try {
        if (multipart) {
          for await (const part of request.parts({ limits: { fileSize: budget.limitBytes, files: 1 } })) {
            if (part.type !== 'file' || part.fieldname !== 'file' || upload) {
              if (part.type === 'file') part.file.resume();
              throw new FormProblem('a restore takes one "file" part and nothing else');
            }
            upload = await saveUpload(part.file, dir, safeName(part.filename) ?? 'backup.jsonl', budget);
          }
        } else {
          // Any body but a form reaches here as a stream (server/http/admin/index.ts), saved under the upload limit.
          upload = await saveUpload(request.body as Readable, dir, 'backup.jsonl', budget);
        }
        if (!upload) throw new FormProblem('the form holds no "file" part');
      } catch (error) {
        if (!(error instanceof FormProblem)) throw error;
        return sendError(
          reply,
          ErrorCode.BAD_USER_INPUT,
          `${error.message}: send the export file written by npm run export.`,
        );
      }
      const file = upload;
      try {
        // Held like an import's, so no import writes while the database is being filled.
        const counts = await withImportLease(options.db, admin.principal, () =>
          restoreGraph(options.db, file.path, { unchecked, shownAs: file.name }),
        );
        await options.cache.invalidate();
        request.log.info({ principal: admin.principal, ...counts }, 'restore');
        return counts;
      } catch (error) {
        if (error instanceof DatabaseNotEmptyError)
          return sendError(reply, ErrorCode.DATABASE_NOT_EMPTY, error.message);
        if (error instanceof RestoreError) return sendError(reply, ErrorCode.BAD_USER_INPUT, error.message);
        throw error;
      }
    } finally {
      await remove();
    }
  });
}
