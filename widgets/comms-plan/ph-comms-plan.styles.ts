import { css } from 'lit';

export const commsPlanStyles = css`
  ul.plain { list-style: none; padding: 0; margin: 0; }
  .cards { display: none; list-style: none; padding: 0; margin: 0; }
  .card { border: 1px solid var(--_border); border-top: 4px solid var(--_primary); padding: 12px; margin-bottom: var(--_space); }
  .card h3 { font-size: 1.125em; }
  dt { font-weight: 600; margin-top: 8px; }
  dd { margin: 0; }
  /* The matrix on wide containers, cards on narrow ones: the host's column decides, not the window. */
  @container (max-width: 48rem) {
    .matrix { display: none; }
    .cards { display: block; }
  }
`;
