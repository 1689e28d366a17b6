// Styles every widget shares. Hosts theme the widgets through --ph-* custom properties (they inherit into shadow
// roots) and ::part(); each property falls back to an NHS.UK-like default, read once into a private --_ variable.
import { css } from 'lit';

export const theme = css`
  :host {
    /* Nothing inherited from the host page leaks in except the --ph-* properties (all: leaves custom properties alone). */
    all: initial;
    display: block;
    --_primary: var(--ph-colour-primary, #005eb8);
    --_primary-dark: var(--ph-colour-primary-dark, #003087);
    --_visited: var(--ph-colour-visited, #330072);
    --_text: var(--ph-colour-text, #212b32);
    --_secondary-text: var(--ph-colour-secondary-text, #4c6272);
    --_background: var(--ph-colour-background, #ffffff);
    --_surface: var(--ph-colour-surface, #f0f4f5);
    --_border: var(--ph-colour-border, #d8dde0);
    --_input-border: var(--ph-colour-input-border, #4c6272);
    --_focus: var(--ph-colour-focus, #ffeb3b);
    --_focus-text: var(--ph-colour-focus-text, #212b32);
    --_error: var(--ph-colour-error, #d5281b);
    --_warning: var(--ph-colour-warning, #ffb81c);
    --_action: var(--ph-colour-button, #007f3b);
    --_action-shadow: var(--ph-colour-button-shadow, #00401e);
    --_radius: var(--ph-radius, 4px);
    --_space: var(--ph-space, 16px);
    font-family: var(--ph-font-family, 'Frutiger W01', Arial, sans-serif);
    font-size: var(--ph-font-size, 1rem);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_background);
    container-type: inline-size;
  }
  [hidden] { display: none !important; }
  *, *::before, *::after { box-sizing: border-box; }
  h2, h3, h4 { margin: 0 0 calc(var(--_space) / 2); line-height: 1.25; }
  h2 { font-size: 1.5em; }
  h3 { font-size: 1.25em; }
  h4 { font-size: 1em; }
  p { margin: 0 0 calc(var(--_space) / 2); }
  a { color: var(--_primary); text-underline-offset: 0.15em; }
  a:visited { color: var(--_visited); }
  a:hover { color: var(--_primary-dark); text-decoration-thickness: 3px; }
  /* NHS.UK's focus style: yellow with a dark bar, visible on any background. */
  a:focus-visible, button:focus-visible, summary:focus-visible, [tabindex]:focus-visible {
    outline: 4px solid transparent;
    background-color: var(--_focus);
    color: var(--_focus-text);
    box-shadow: 0 -2px var(--_focus), 0 4px var(--_focus-text);
    text-decoration: none;
  }
  input:focus-visible, select:focus-visible {
    outline: 4px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_focus-text);
  }
  label, legend { display: block; font-weight: 600; margin-bottom: 4px; }
  .hint { display: block; color: var(--_secondary-text); font-weight: 400; margin-bottom: 4px; }
  input[type='text'], input[type='search'], select {
    font: inherit;
    color: var(--_text);
    background: var(--_background);
    border: 2px solid var(--_input-border);
    border-radius: 0;
    min-height: 44px;
    padding: 4px 8px;
    width: 100%;
  }
  input[type='checkbox'] { width: 24px; height: 24px; margin: 0 8px 0 0; accent-color: var(--_primary); }
  button { font: inherit; cursor: pointer; min-height: 44px; border-radius: var(--_radius); }
  .button {
    color: #ffffff;
    background: var(--_action);
    border: 2px solid transparent;
    box-shadow: 0 4px 0 var(--_action-shadow);
    font-weight: 600;
    padding: 8px 16px;
    margin-bottom: 4px;
  }
  .button-secondary {
    color: var(--_primary);
    background: transparent;
    border: 2px solid var(--_primary);
    font-weight: 600;
    padding: 8px 16px;
  }
  .link-button {
    color: var(--_primary);
    background: none;
    border: 0;
    padding: 0;
    min-height: 24px;
    text-align: left;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .tag {
    display: inline-block;
    font-size: 0.875em;
    font-weight: 600;
    padding: 0 8px;
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    color: var(--_secondary-text);
    background: var(--_background);
  }
  .tag-warning { color: var(--_text); background: var(--_warning); border-color: var(--_warning); }
  .tag-demo { color: var(--_text); background: var(--_surface); }
  .muted { color: var(--_secondary-text); }
  .status { padding: var(--_space); background: var(--_surface); border-left: 8px solid var(--_primary); margin: var(--_space) 0; }
  .status-error { border-left-color: var(--_error); }
  .visually-hidden {
    position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important;
    overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important;
  }
  table { border-collapse: collapse; width: 100%; }
  caption { text-align: left; font-weight: 600; margin-bottom: 8px; }
  th, td { text-align: left; vertical-align: top; padding: 8px 12px 8px 0; border-bottom: 1px solid var(--_border); }
  th { font-weight: 600; }
`;
