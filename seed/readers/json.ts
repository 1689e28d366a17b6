// Parses JSON text, and when it is not JSON says where (line and column) and what was expected there: V8's messages
// give neither reliably ("Unexpected token ']', "…" is not valid JSON").

import { ImportValidationError } from '../../schema/records.js';

/** Where JSON text first goes wrong, and what should have been there. */
export interface JsonFault {
  offset: number;
  expected: string;
  /** True when the text ends before the value does: a file cut short. */
  truncated: boolean;
}

class Fault extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(expected);
  }
}

/** Finds the first fault in text that JSON.parse refused; a small scanner of the JSON grammar that builds nothing. */
export function findJsonFault(text: string): JsonFault | undefined {
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1;
  };
  const expect = (what: string, ok: boolean) => {
    if (!ok) throw new Fault(i, what);
  };
  const literal = (word: string) => {
    for (const c of word) {
      expect(`"${word}"`, text[i] === c);
      i += 1;
    }
  };
  const string = () => {
    expect('a string in double quotes', text[i] === '"');
    i += 1;
    for (;;) {
      const c = text[i];
      expect('the closing quote of the string', c !== undefined);
      if (c === '"') break;
      expect('no control characters inside a string (write \\n, \\t)', c! >= ' ');
      if (c === '\\') {
        i += 1;
        const e = text[i];
        if (e === 'u') {
          for (let k = 0; k < 4; k += 1) {
            i += 1;
            expect('four hexadecimal digits after \\u', /[0-9a-fA-F]/.test(text[i] ?? ''));
          }
        } else expect('an escape such as \\n, \\" or \\\\', e !== undefined && '"\\/bfnrt'.includes(e));
      }
      i += 1;
    }
    i += 1;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    expect('a value (an object, list, string, number, true, false or null)', match !== null && match[0] !== '-');
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i += 1;
      space();
      if (text[i] === '}') {
        i += 1;
        return;
      }
      for (;;) {
        space();
        string();
        space();
        expect('":" after the property name', text[i] === ':');
        i += 1;
        value();
        space();
        if (text[i] === '}') break;
        expect('"," or "}" after a property', text[i] === ',');
        i += 1;
      }
      i += 1;
    } else if (c === '[') {
      i += 1;
      space();
      if (text[i] === ']') {
        i += 1;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ']') break;
        expect('"," or "]" after a list item', text[i] === ',');
        i += 1;
      }
      i += 1;
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value();
    space();
    expect('the end of the file after the value', i >= text.length);
    return undefined;
  } catch (error) {
    // Anything but a fault (a stack overflow on absurd nesting) leaves the place unknown rather than failing.
    if (!(error instanceof Fault)) return undefined;
    return { offset: error.offset, expected: error.expected, truncated: error.offset >= text.length };
  }
}

/** JSON.parse, but text that is not JSON is an ImportValidationError naming line, column and what to fix. */
export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse skips a byte-order mark no more than the scanner does, so both see the same text.
    const fault = findJsonFault(text) ?? { offset: 0, expected: 'valid JSON', truncated: false };
    const before = text.slice(0, fault.offset);
    const line = before.split('\n').length;
    const column = fault.offset - (before.lastIndexOf('\n') + 1) + 1;
    throw new ImportValidationError([
      {
        file,
        row: line,
        column,
        message: fault.truncated
          ? `the file ends in the middle of the JSON (expected ${fault.expected})`
          : `the file is not valid JSON: expected ${fault.expected}`,
        fix: fault.truncated
          ? 'the file was cut short: download or export the feed again'
          : 'correct the JSON at that point, or download or export the feed again',
      },
    ]);
  }
}
