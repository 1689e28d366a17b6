// Reads an input file as UTF-8 text, refusing bytes that are not UTF-8 with the line and column where they are.
import { readFile } from 'node:fs/promises';
import { ImportValidationError } from '../../schema/records.js';

const strict = new TextDecoder('utf-8', { fatal: true });

/** The byte offset of the first byte that does not begin or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    // Sequence length and the allowed range of the second byte (which rules out overlong forms and surrogates).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k];
      if (next === undefined) return i;
      if (k === 1 ? next < low || next > high : next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/** 1-based line and column (in characters) of a byte offset in UTF-8 bytes that are valid before it. */
function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = Buffer.from(bytes.subarray(0, offset)).toString('utf8');
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: [...before.slice(lastBreak + 1)].length + 1 };
}

/** Decodes bytes as UTF-8, or throws an ImportValidationError naming where the first invalid byte is. */
export function decodeUtf8(file: string, bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    const offset = Math.max(0, firstInvalidUtf8(bytes));
    const { line, column } = lineAndColumn(bytes, offset);
    const hex = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new ImportValidationError([
      {
        file,
        row: line,
        column,
        message: `the file is not UTF-8 text: byte 0x${hex} cannot start or continue a character there`,
        fix: 'save the file as UTF-8 (in Excel: "CSV UTF-8"), or export it again if it was damaged',
      },
    ]);
  }
}

/** Reads a file as UTF-8 text; a missing file or one that is not UTF-8 is an explained ImportValidationError. */
export async function readText(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportValidationError([
      {
        file,
        message: code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${code ?? 'unknown error'})`,
        fix: code === 'ENOENT' ? 'check the path' : 'check that the path names a file you may read',
      },
    ]);
  }
  return decodeUtf8(file, bytes);
}
