// The demo page's examples: each widget as a council or NHS page would place it. The page shows each one live and
// as the snippet to copy, from this one list, so the two cannot differ.

export interface DemoExample {
  id: string;
  title: string;
  description: string;
  /** The markup a web editor pastes; `{{origin}}` is the service's address. */
  markup: string;
}

export const DEMO_EXAMPLES: readonly DemoExample[] = [
  {
    id: 'directory',
    title: 'Directory: services in Barnet',
    description:
      'A borough page listing what serves Barnet, with search and filters. Without JavaScript, the link inside goes to the plain directory pages.',
    markup: `<ph-directory area="E09000003" heading="Health and wellbeing services in Barnet">
  <a href="{{origin}}/directory?area=E09000003">Find health and wellbeing services in Barnet</a>
</ph-directory>`,
  },
  {
    id: 'programme',
    title: 'Programme: an immunisation action plan',
    description: 'A programme’s workstreams and actions, with overdue actions marked and targets with progress.',
    markup: `<ph-programme programme="barnet-immunisation-2017-18">
  <a href="{{origin}}/directory">Partnership Hub directory</a>
</ph-programme>`,
  },
  {
    id: 'comms-plan',
    title: 'Communication plan',
    description: 'Who hears what, how and how often: a table on wide screens, cards on narrow ones.',
    markup: `<ph-comms-plan programme="taking-care-24-7">
  <a href="{{origin}}/directory">Partnership Hub directory</a>
</ph-comms-plan>`,
  },
  {
    id: 'network',
    title: 'Partnership network: London MECC',
    description: 'Who takes part in the London Making Every Contact Count programme, as a table or a graph.',
    markup: `<ph-network programme="london-mecc-2017-18">
  <a href="{{origin}}/directory">Partnership Hub directory</a>
</ph-network>`,
  },
];
