// Uploaded files, kept only while a request needs them: in a private temporary folder, under a size limit, by safe names.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';

/** The whole upload went past the limit: refused with 413, whatever part of it had arrived. */
export class UploadTooLargeError extends Error {
  constructor(readonly limitMb: number) {
    super(`The upload is larger than ${limitMb} MB.`);
    this.name = 'UploadTooLargeError';
  }
}

/** A part of the form that cannot be taken: a bad file name, an unknown field. Refused with 400 and its fix. */
export class FormProblem extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly fix?: string,
  ) {
    super(message);
    this.name = 'FormProblem';
  }
}

/** One uploaded file: the name the admin gave it, and where this process keeps it for the request. */
export interface UploadedFile {
  name: string;
  path: string;
}

/**
 * A name as `npm run seed` was given it (such as seed/reference/ods/eccg.csv): relative, segments of letters, digits,
 * dots, dashes, underscores and spaces, no `..`. The format is read from it, so it is kept, but it never reaches
 * outside the request's own folder.
 */
const SEGMENT = /^[\w][\w .-]{0,127}$/;
export function safeName(name: string | undefined): string | undefined {
  if (!name || name.length > 512) return undefined;
  const segments = name.replaceAll('\\', '/').split('/');
  if (segments.some((s) => !SEGMENT.test(s) || s === '..' || s.endsWith('.'))) return undefined;
  return segments.join('/');
}

/** Counts the bytes of every file of one request against the limit, and stops the upload once past it. */
export class UploadBudget {
  private used = 0;
  constructor(readonly limitMb: number) {}
  get limitBytes(): number {
    return this.limitMb * 1024 * 1024;
  }
  /** A stream that passes bytes through while the budget lasts, and fails with UploadTooLargeError after. */
  meter(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.used += chunk.length;
        done(this.used > this.limitBytes ? new UploadTooLargeError(this.limitMb) : null, chunk);
      },
    });
  }
  /** Refuses at once a request whose declared length is past the limit, before reading any of it. */
  checkDeclared(request: FastifyRequest): void {
    const declared = Number(request.headers['content-length']);
    // The form's own boundaries and headers come on top of the files: a little slack for them.
    if (Number.isFinite(declared) && declared > this.limitBytes + 64 * 1024)
      throw new UploadTooLargeError(this.limitMb);
  }
}

/** A private folder (0700) for one request's files, removed with everything in it by `remove`. */
export async function uploadFolder(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hub-upload-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Saves a stream as `name` in `dir` (0600), within the budget. */
export async function saveUpload(
  stream: Readable,
  dir: string,
  name: string,
  budget: UploadBudget,
): Promise<UploadedFile> {
  const target = path.join(dir, ...name.split('/'));
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  await pipeline(stream, budget.meter(), createWriteStream(target, { mode: 0o600, flags: 'wx' }));
  return { name, path: target };
}
