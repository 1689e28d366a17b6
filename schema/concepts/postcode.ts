// A postcode's centroid and local authority, so a directory can be searched near a postcode.
import { concept } from '../define.js';

export const Postcode = concept({
  label: 'Postcode',
  description: 'A postcode with the centroid and local authority the ONS gives it.',
  graphql: false,
  properties: {
    postcode: { type: 'string', required: true, description: 'The postcode, upper case with one space.' },
    latitude: { type: 'number', required: true, description: 'Latitude of the centroid (WGS84).' },
    longitude: { type: 'number', required: true, description: 'Longitude of the centroid (WGS84).' },
    gssCode: { type: 'string', description: 'GSS code of its local authority.' },
  },
  relationships: {
    IN_AREA: { from: ['Postcode', 'Location'], to: ['Area'], description: 'The area a postcode or location lies in.' },
  },
});
