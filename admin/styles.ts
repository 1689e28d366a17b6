// The console's styles: the widgets' theme (focus, buttons, tables, NHS.UK colours) and GOV.UK Frontend's patterns for
// forms, error summaries, summary lists, notification banners and warnings.
import { css } from 'lit';
import { theme } from '../widgets/core/theme.js';

const console = css`
  :host { max-width: 1100px; margin: 0 auto; }
  h1 { font-size: 2em; margin: 0 0 var(--_space); line-height: 1.2; }
  h2 { margin-top: calc(var(--_space) * 1.5); }
  input[type='password'], input[type='number'], input[type='date'], input[type='url'], input[type='file'], textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_background);
    border: 2px solid var(--_input-border);
    border-radius: 0;
    min-height: 44px;
    padding: 4px 8px;
    width: 100%;
  }
  textarea { min-height: 6em; }
  input:focus-visible, select:focus-visible, textarea:focus-visible {
    outline: 4px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_focus-text);
  }
  input[type='radio'] { width: 24px; height: 24px; margin: 0 8px 0 0; accent-color: var(--_primary); }
  .form-group { margin-bottom: calc(var(--_space) * 1.5); }
  .form-group-error { border-left: 5px solid var(--_error); padding-left: 15px; }
  .field-error { display: block; color: var(--_error); font-weight: 700; margin-bottom: 4px; }
  .input-error { border-color: var(--_error) !important; }
  .inline { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  .inline label { margin: 0; font-weight: 400; }
  .actions { display: flex; gap: var(--_space); align-items: center; flex-wrap: wrap; margin: var(--_space) 0; }
  .button-warning { color: #ffffff; background: var(--_error); border: 2px solid transparent; box-shadow: 0 4px 0 #6b140e; font-weight: 600; padding: 8px 16px; }
  .error-summary { border: 5px solid var(--_error); padding: var(--_space); margin-bottom: calc(var(--_space) * 1.5); }
  .error-summary:focus { outline: 4px solid var(--_focus); }
  .error-summary h2 { margin-top: 0; font-size: 1.25em; }
  .error-summary ul { margin: 0; padding-left: 1.2em; }
  .error-summary .link-button { color: var(--_error); font-weight: 700; }
  .banner { border: 5px solid var(--_primary); padding: var(--_space); margin-bottom: var(--_space); }
  .banner-success { border-color: var(--_action); }
  .banner:focus { outline: 4px solid var(--_focus); }
  .warning { font-weight: 700; border-left: 8px solid var(--_warning); padding: 8px var(--_space); margin: var(--_space) 0; }
  .secret { font-family: monospace; font-size: 1.1em; word-break: break-all; background: var(--_surface); padding: 8px; display: block; }
  dl.summary { margin: 0 0 var(--_space); }
  .summary-row { display: grid; grid-template-columns: minmax(8em, 30%) 1fr auto; gap: 8px var(--_space); border-bottom: 1px solid var(--_border); padding: 8px 0; }
  .summary-row dt { font-weight: 700; }
  .summary-row dd { margin: 0; overflow-wrap: anywhere; }
  .summary-row.editing { grid-template-columns: 1fr; }
  .layout { display: grid; grid-template-columns: minmax(0, 2fr) minmax(16em, 1fr); gap: calc(var(--_space) * 2); }
  @container (max-width: 760px) { .layout { grid-template-columns: 1fr; } }
  .compare { display: grid; grid-template-columns: 1fr 1fr; gap: var(--_space); }
  .compare section { border: 2px solid var(--_border); padding: var(--_space); }
  .history { list-style: none; padding: 0; margin: 0; }
  .history li { border-bottom: 1px solid var(--_border); padding: 8px 0; }
  .history ul { margin: 4px 0 0; padding-left: 1.2em; }
  nav ul { list-style: none; display: flex; gap: var(--_space); padding: 0; margin: 0 0 var(--_space); flex-wrap: wrap; border-bottom: 1px solid var(--_border); }
  nav a { display: inline-block; padding: 8px 4px; font-weight: 600; }
  nav a[aria-current='page'] { border-bottom: 4px solid var(--_primary); text-decoration: none; }
  .results { list-style: none; padding: 0; }
  .results li { padding: 8px 0; border-bottom: 1px solid var(--_border); }
  .link-properties { display: block; color: var(--_secondary-text); }
  td .link-button, td button { min-height: 24px; }
  fieldset { border: 0; padding: 0; margin: 0 0 var(--_space); }
  legend { font-size: 1.1em; }
`;

export const adminStyles = [theme, console];
