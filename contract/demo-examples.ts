// The demo page's examples: each widget as a council or NHS page would place it, with its fallback link to the
// service's own plain page for it. The /demo page shows each live and as the snippet to copy, and /embed serves the
// same elements in frames, from this one list, so they cannot differ.

export type WidgetTag = 'ph-directory' | 'ph-programme' | 'ph-comms-plan' | 'ph-network';

export interface DemoExample {
  id: string;
  tag: WidgetTag;
  title: string;
  description: string;
  /** The element's attributes, as the editor writes them. */
  attributes: Readonly<Record<string, string>>;
  /** The link shown without JavaScript: a path on the service, to the plain page showing the same content. */
  fallback: { path: string; text: string };
}

export const DEMO_EXAMPLES: readonly DemoExample[] = [
  {
    id: 'directory',
    tag: 'ph-directory',
    title: 'Directory: services in Barnet',
    description: 'A borough page listing what serves Barnet, with search and filters.',
    attributes: { area: 'E09000003', heading: 'Health and wellbeing services in Barnet' },
    fallback: { path: '/directory?area=E09000003', text: 'Find health and wellbeing services in Barnet' },
  },
  {
    id: 'programme',
    tag: 'ph-programme',
    title: 'Programme: an immunisation action plan',
    description: 'A programme’s workstreams and actions, with overdue actions marked and targets with progress.',
    attributes: { programme: 'barnet-immunisation-2017-18' },
    fallback: {
      path: '/programmes/barnet-immunisation-2017-18',
      text: 'Barnet immunisation action plan 2017/18',
    },
  },
  {
    id: 'comms-plan',
    tag: 'ph-comms-plan',
    title: 'Communication plan',
    description: 'Who hears what, how and how often: a table on wide screens, cards on narrow ones.',
    attributes: { programme: 'taking-care-24-7' },
    fallback: {
      path: '/programmes/taking-care-24-7/communication-plan',
      text: 'Taking Care 24-7 communication plan',
    },
  },
  {
    id: 'network',
    tag: 'ph-network',
    title: 'Partnership network: London MECC',
    description: 'Who takes part in the London Making Every Contact Count programme, as a table or a graph.',
    attributes: { programme: 'london-mecc-2017-18' },
    fallback: {
      path: '/network?programme=london-mecc-2017-18',
      text: 'Partners in London Making Every Contact Count 2017/18',
    },
  },
];
