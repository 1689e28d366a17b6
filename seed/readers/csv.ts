// Parses CSV text with csv-parse, turning its failures (a broken quote, a row with the wrong number of fields) into
// problems that name the file, line and column and say how to fix them.
import { CsvError, parse, type Options } from 'csv-parse/sync';
import { ImportValidationError, type ImportProblem } from '../../schema/records.js';

/** What each csv-parse failure means to someone holding the file in a spreadsheet or text editor. */
const EXPLAINED: Record<string, { message: string; fix: string }> = {
  CSV_QUOTE_NOT_CLOSED: {
    message: 'a quoted field opened here is never closed, so the rest of the file is read as one field',
    fix: 'close the quote, or write a quote inside a quoted field as two quotes ("")',
  },
  CSV_INVALID_CLOSING_QUOTE: {
    message: 'a quote closes a field but more text follows it before the comma',
    fix: 'write a quote inside a quoted field as two quotes (""), or put the whole field in quotes',
  },
  INVALID_OPENING_QUOTE: {
    message: 'a quote appears in the middle of a field that is not quoted',
    fix: 'put the whole field in quotes and write the quote inside it as two quotes ("")',
  },
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: {
    message: 'text follows the closing quote of a field',
    fix: 'put a comma straight after the closing quote, or move the text inside the quotes',
  },
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: {
    message: 'this row has a different number of fields from the first row',
    fix: 'check for a missing or extra comma, or a comma inside a field that is not quoted',
  },
  CSV_RECORD_INCONSISTENT_COLUMNS: {
    message: 'this row has a different number of fields from the header',
    fix: 'check for a missing or extra comma, or a comma inside a field that is not quoted',
  },
  CSV_MAX_RECORD_SIZE: {
    message: 'a field is far longer than any real one',
    fix: 'check for a quote that is never closed above this line',
  },
};

/**
 * Where the quote that never closes was opened: csv-parse reports the end of the file, which is no help in finding
 * it. Follows the CSV quoting rules (a quote opens only at the start of a field; "" inside quotes is a quote).
 */
export function unclosedQuote(text: string): { line: number; column: number } | undefined {
  let line = 1;
  let lineStart = 0;
  let open: { line: number; column: number } | undefined;
  let fieldStart = true;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (open) {
      if (c === '"' && text[i + 1] === '"') i += 1;
      else if (c === '"') open = undefined;
      else if (c === '\n') {
        line += 1;
        lineStart = i + 1;
      }
      continue;
    }
    if (c === '"' && fieldStart) open = { line, column: i - lineStart + 1 };
    if (c === '\n') {
      line += 1;
      lineStart = i + 1;
    }
    fieldStart = c === ',' || c === '\n' || (c === '\r' && text[i + 1] === '\n');
  }
  return open;
}

/** The problem a csv-parse error stands for, at the line (and column, where known) where it lies. */
export function csvProblem(file: string, text: string, error: CsvError): ImportProblem {
  const known = EXPLAINED[error.code];
  const { lines, record, index } = error as CsvError & { lines?: number; record?: unknown; index?: number };
  const at = error.code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuote(text) : undefined;
  const detail = Array.isArray(record)
    ? ` (it has ${record.length})`
    : typeof index === 'number' && known
      ? ` (in field ${index + 1})`
      : '';
  return {
    file,
    row: at?.line ?? (typeof lines === 'number' && lines > 0 ? lines : undefined),
    column: at?.column,
    message: known ? `${known.message}${detail}` : `the file is not valid CSV (${error.message.split('\n')[0]})`,
    fix: known?.fix ?? 'open the file in a spreadsheet, check the line named, and save it again as CSV',
  };
}

/** csv-parse's parse, but its failures are an ImportValidationError saying file, line and fix. */
export function parseCsv<T>(file: string, text: string, options: Options): T[] {
  try {
    return parse(text, options) as T[];
  } catch (error) {
    if (error instanceof CsvError) throw new ImportValidationError([csvProblem(file, text, error)]);
    throw error;
  }
}
