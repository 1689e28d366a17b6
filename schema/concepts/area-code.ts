// A dated code an area or organisation has had: footprints and CCGs change codes as they merge and rename.
import { concept, vocabulary } from '../define.js';

export const CodeSystem = vocabulary('CodeSystem', 'Who issues a code.', ['ONS', 'ODS']);

export const AreaCode = concept({
  label: 'AreaCode',
  description: 'A dated ONS or ODS code of an area or organisation.',
  graphql: false,
  properties: {
    code: { type: 'string', required: true, description: 'The code itself (E54000027, QRV).' },
    system: { type: CodeSystem, required: true, description: 'Who issues the code.' },
    entity: { type: 'string', description: 'What the code was issued for (STP 2017/18, ICB 2022).' },
    validFrom: { type: 'date', description: 'First date the code applied.' },
    validTo: { type: 'date', description: 'Last date the code applied, if it no longer does.' },
  },
});
