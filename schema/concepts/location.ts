// A place where a service is delivered, an organisation is found or an event is held.
import { concept, name } from '../define.js';

export const Location = concept({
  label: 'Location',
  description: 'A place where a service is delivered.',
  properties: {
    name: name("The location's name."),
    addressLines: { type: 'strings', description: 'Postal address lines.' },
    town: { type: 'string', description: 'Post town.' },
    postcode: { type: 'string', description: 'Postcode.' },
    latitude: { type: 'number', description: 'Latitude (WGS84).' },
    longitude: { type: 'number', description: 'Longitude (WGS84).' },
  },
});
