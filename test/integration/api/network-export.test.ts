// Network downloads are safe to open: no formula runs in a spreadsheet, the GEXF is well-formed XML whatever the
// names hold, and retired records stay out.
import { describe, expect, it } from 'vitest';
import { Label } from '../../../schema/graph.js';
import { nodeId } from '../../../schema/ids.js';
import { useSeededService } from '../../support/service.js';

const PROGRAMME = nodeId('Programme', 'london-mecc-2017-18');
/** Whether text holds a character XML 1.0 does not allow, as a GEXF reader would meet it. */
const notXml = (text: string) =>
  [...text].some((c) => {
    const code = c.codePointAt(0) ?? 0;
    return (code < 0x20 && ![0x09, 0x0a, 0x0d].includes(code)) || code === 0xfffe || code === 0xffff;
  });

describe('network downloads', () => {
  const { service } = useSeededService({
    prepare: async (db) => {
      // Names an admin or an import could have written: formulas, a bell and an escape, and a retired partner.
      await db.run(
        `MATCH (o:${Label.Organisation} {key: 'london-councils'}) SET o.name = '=HYPERLINK("https://evil.example","Click")'
         WITH 1 AS _ MATCH (o:${Label.Organisation} {key: 'adph-london'}) SET o.name = '@SUM(1+1)\u0007 ADPH\u001b London'
         WITH 1 AS _ MATCH (o:${Label.Organisation} {key: 'academy-of-public-health'}) SET o.name = '-2+3'
         WITH 1 AS _ MATCH (o:${Label.Organisation} {key: 'london-fire-brigade'}) SET o.retired = true`,
        {},
        'WRITE',
      );
    },
  });

  it('starts every cell a spreadsheet would run as a formula with a quote, and leaves out control characters', async () => {
    const csv = await (await fetch(`${service().url}/networks/${PROGRAMME}.csv?depth=1`)).text();
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""Click"")"`);
    expect(csv).toContain("'@SUM(1+1) ADPH London");
    expect(csv).toContain("'-2+3");
    // No cell, quoted or not, begins with a formula character.
    expect(csv).not.toMatch(/(^|,)"?[=+\-@]/m);
    expect(notXml(csv)).toBe(false);
  });

  it('writes GEXF without characters XML forbids, the names otherwise as they are', async () => {
    const xml = await (await fetch(`${service().url}/networks/${PROGRAMME}.gexf?depth=1`)).text();
    expect(notXml(xml)).toBe(false);
    expect(xml).toContain('@SUM(1+1) ADPH London');
    expect(xml).toContain('=HYPERLINK(&quot;https://evil.example&quot;,&quot;Click&quot;)');
  });

  it('leaves retired records out of both, and has no download for a retired centre', async () => {
    const csv = await (await fetch(`${service().url}/networks/${PROGRAMME}.csv?depth=1`)).text();
    const xml = await (await fetch(`${service().url}/networks/${PROGRAMME}.gexf?depth=1`)).text();
    expect(csv).not.toContain('London Fire Brigade');
    expect(xml).not.toContain('London Fire Brigade');
    expect(csv.trim().split('\n')).toHaveLength(1 + 7); // six live partners and the link to the national programme
    const retired = nodeId('Organisation', 'london-fire-brigade');
    expect((await fetch(`${service().url}/networks/${retired}.csv`)).status).toBe(404);
  });
});
