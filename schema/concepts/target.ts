// A measurable target (2,000 staff trained by 31 March 2018) and the readings of progress towards it.
import { concept, name } from '../define.js';

export const Target = concept({
  label: 'Target',
  description: 'A measurable target of a programme.',
  properties: {
    name: name('The target in words.'),
    metric: { type: 'string', required: true, description: 'What is measured (frontline staff trained).' },
    value: { type: 'number', required: true, description: 'The target value.' },
    unit: { type: 'string', description: 'Unit of the value (people, percent).' },
    deadline: { type: 'date', description: 'When it is to be met (ISO date or month).' },
    description: { type: 'text', description: 'More about it.' },
  },
  relationships: {
    HAS_READING: { from: ['Target'], to: ['TargetReading'], description: 'The readings of progress towards a target.' },
  },
});

export const TargetReading = concept({
  label: 'TargetReading',
  description: 'A measurement of progress towards a target.',
  properties: {
    value: { type: 'number', required: true, description: 'The measured value.' },
    date: { type: 'date', required: true, description: 'When it was measured.' },
    note: { type: 'text', description: 'How it was measured.' },
  },
});
