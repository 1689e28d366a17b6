import { css } from 'lit';

export const programmeStyles = css`
  .summary { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; padding: 0; margin: 0 0 var(--_space); }
  .summary li { background: var(--_surface); padding: 4px 12px; border-radius: var(--_radius); }
  .filters { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: end; margin-bottom: var(--_space); }
  .filters .field { min-width: 12rem; }
  .choice { display: flex; align-items: center; min-height: 44px; font-weight: 400; margin: 0; }
  section.workstream { margin: calc(var(--_space) * 1.5) 0; }
  .targets { display: grid; gap: var(--_space); grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); list-style: none; padding: 0; }
  .target { border: 1px solid var(--_border); border-top: 4px solid var(--_primary); padding: 12px; }
  .bar { height: 12px; background: var(--_surface); border: 1px solid var(--_secondary-text); margin: 8px 0 4px; }
  .bar > span { display: block; height: 100%; background: var(--_primary); }
  .trajectory { margin: 8px 0 0; }
  .trajectory svg { display: block; width: 100%; height: auto; }
  .trajectory .axis { stroke: var(--_secondary-text); stroke-width: 1; }
  .trajectory .tick { fill: var(--_text); font-size: 10px; }
  .trajectory .expected { stroke: var(--_secondary-text); stroke-width: 1.5; stroke-dasharray: 5 4; }
  .trajectory .readings { fill: none; stroke: var(--_primary); stroke-width: 2; }
  .trajectory .reading { fill: var(--_primary); }
  .trajectory-table { margin-top: 8px; font-size: 0.875em; }
  .trajectory-table caption { text-align: left; font-weight: 600; }
  td.due { white-space: nowrap; }
  .partners { list-style: none; padding: 0; margin: 0 0 var(--_space); }
  .partners li { padding: 4px 0; }
  .inferred { font-style: italic; color: var(--_secondary-text); }
  .timing { display: block; font-size: 0.875em; }
  .overdue-row td:first-child { border-left: 4px solid var(--_warning); padding-left: 8px; }
  /* Narrow containers: each action becomes a card of labelled lines. */
  @container (max-width: 40rem) {
    table.actions thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
    table.actions, table.actions tbody, table.actions tr, table.actions td { display: block; width: 100%; }
    table.actions tr { border-bottom: 1px solid var(--_border); padding: 8px 0; }
    table.actions td { border: 0; padding: 2px 0; }
    table.actions td[data-label]::before { content: attr(data-label) ': '; font-weight: 600; }
  }
`;
