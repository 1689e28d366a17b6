// Each way a file can be unreadable is reported as file, line (and column where known) and the fix.
import { describe, expect, it } from 'vitest';
import { formatProblem, ImportValidationError } from '../../../schema/records.js';
import { parseCsv } from '../../../seed/readers/csv.js';
import { parseJson } from '../../../seed/readers/json.js';
import { parseNative } from '../../../seed/readers/native.js';
import { parseOnspd } from '../../../seed/readers/onspd.js';
import { decodeUtf8 } from '../../../seed/readers/text.js';

function reported(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportValidationError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('expected an ImportValidationError');
}

describe('reader failures', () => {
  it('name the line and column where a CSV quote opens and never closes', () => {
    const text = 'code,name\nA1,Barnet\nA2,"Harrow\nA3,Brent\n';
    expect(reported(() => parseCsv('areas.csv', text, {}))).toEqual([
      expect.stringMatching(/^areas\.csv, line 3, column 4: a quoted field .* never closed.*Fix: close the quote/),
    ]);
  });

  it('explain a stray quote and a row with the wrong number of fields', () => {
    expect(reported(() => parseCsv('a.csv', 'x,y\n1,"2"3\n', {}))[0]).toMatch(/^a\.csv, row 2: a quote closes a field/);
    expect(reported(() => parseCsv('a.csv', 'x,y\n1,2,3\n', { columns: true }))[0]).toMatch(
      /^a\.csv, row 2: this row has a different number of fields from the header \(it has 3\)\. Fix: check for a missing or extra comma/,
    );
  });

  it('refuse an ONS Postcode Directory row whose fields have shifted', () => {
    const text = 'pcds,doterm,lat,long,oslaua\nSE1 2DL,,51.5,-0.09,E09000028\nSE1 2DM,,51.5,-0.09\n';
    expect(reported(() => parseOnspd('onspd.csv', text))[0]).toMatch(
      /^onspd\.csv, row 3: .*different number of fields/,
    );
  });

  it('say where JSON is cut short or broken, and what was expected there', () => {
    expect(reported(() => parseJson('feed.json', '{\n  "contents": [\n    {"id": "a",'))[0]).toMatch(
      /^feed\.json, line 3, column 16: the file ends in the middle of the JSON \(expected a string in double quotes\)\. Fix: the file was cut short/,
    );
    expect(reported(() => parseJson('feed.json', '{"a": [1, 2,]}'))[0]).toMatch(
      /^feed\.json, line 1, column 13: the file is not valid JSON: expected a value/,
    );
  });

  it('find the first byte that is not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('name\nSt Helier\nCaf'), Buffer.from([0xe9]), Buffer.from(' Nero\n')]);
    expect(reported(() => decodeUtf8('places.csv', bytes))).toEqual([
      expect.stringMatching(
        /^places\.csv, line 3, column 4: the file is not UTF-8 text: byte 0xE9.*Fix: save the file as UTF-8/,
      ),
    ]);
  });

  it('give the line and column of a YAML syntax error', () => {
    expect(reported(() => parseNative('plan.yaml', 'Programme:\n  - key: a\n   name: "unclosed\n'))[0]).toMatch(
      /^plan\.yaml, line \d+, column \d+: the file is not valid YAML/,
    );
  });
});
