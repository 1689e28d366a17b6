// A term of someone else's taxonomy as a feed published it (which vocabulary, its code, name, parent), and the topic an admin maps it to.
import { concept, name } from '../define.js';

export const TaxonomyTerm = concept({
  label: 'TaxonomyTerm',
  description:
    "A term of a published taxonomy as an Open Referral UK feed sent it (an LGA service type, a council's own list): kept as published, not folded into our topics, and mapped to a topic where an admin says so.",
  properties: {
    name: name("The term's name as published."),
    description: { type: 'text', description: 'What the term covers, as published.' },
    code: { type: 'string', description: "The term's own code in its taxonomy (ORUK's `term`)." },
    taxonomy: {
      type: 'string',
      description: 'The name of the taxonomy (vocabulary) the term belongs to, as published.',
    },
    taxonomyId: {
      type: 'string',
      required: true,
      description:
        "The taxonomy's id as published (a UUID); where a feed gives none, derived from the taxonomy's name.",
    },
    termUri: { type: 'string', description: "The term's address in its taxonomy, as published." },
    parentId: { type: 'string', description: "The published id of the term's parent in its taxonomy, if any." },
  },
  relationships: {
    CLASSIFIED_AS: {
      from: ['Service'],
      to: ['TaxonomyTerm'],
      description: "A service classified by a published taxonomy's term (an ORUK attribute).",
    },
    MAPPED_TO: {
      from: ['TaxonomyTerm'],
      to: ['Topic'],
      description:
        "An admin's decision that a published term means one of our topics: services with the term are then found by the topic.",
    },
  },
  links: {
    services: {
      rel: 'CLASSIFIED_AS',
      direction: 'in',
      to: ['Service'],
      description: 'The services classified by this term.',
    },
    topics: {
      rel: 'MAPPED_TO',
      direction: 'out',
      to: ['Topic'],
      description: 'The topics an admin mapped this term to.',
    },
  },
  linksOn: {
    Service: {
      taxonomyTerms: {
        rel: 'CLASSIFIED_AS',
        direction: 'out',
        to: ['TaxonomyTerm'],
        description: 'The published taxonomy terms it was classified by in the feed it came from.',
      },
    },
    Topic: {
      taxonomyTerms: {
        rel: 'MAPPED_TO',
        direction: 'in',
        to: ['TaxonomyTerm'],
        description: "Published taxonomies' terms an admin mapped to this topic.",
      },
    },
  },
});
