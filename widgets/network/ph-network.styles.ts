// The network widget's stylesheet: filters, the graph's area and key, and inferred partnerships said to be so.
import { css } from 'lit';

export const networkStyles = css`
  .filters { display: grid; gap: 0 var(--_space); grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); margin-bottom: 8px; }
  .field { margin-bottom: var(--_space); }
  fieldset { border: 0; padding: 0; margin: 0 0 var(--_space); min-width: 0; }
  .roles, .views { display: flex; flex-wrap: wrap; gap: 0 var(--_space); }
  .choice { display: flex; align-items: center; min-height: 32px; font-weight: 400; margin: 0; }
  input[type='radio'] { width: 24px; height: 24px; margin: 0 8px 0 0; accent-color: var(--_primary); }
  ul.programmes { padding-left: 1.25em; }
  ul.programmes li { margin-bottom: 4px; }
  .graph { height: var(--ph-network-height, 28rem); border: 1px solid var(--_border); position: relative; margin-bottom: var(--_space); }
  .inferred { font-style: italic; color: var(--_secondary-text); }
  .legend h3 { font-size: 1em; margin: 0 0 4px; }
  .legend ul { list-style: none; padding: 0; margin: 0 0 var(--_space); }
  .legend li { display: flex; align-items: center; gap: 8px; min-height: 24px; }
  .legend .line { display: inline-block; width: 2.5rem; border-top: 2px solid var(--_secondary-text); }
  .legend .line.dashed { border-top-style: dashed; }
  .graph:focus-visible { outline: 4px solid var(--_focus); box-shadow: inset 0 0 0 2px var(--_focus-text); background: var(--_background); }
`;
