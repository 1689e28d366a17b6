import { css } from 'lit';

export const directoryStyles = css`
  form { margin-bottom: var(--_space); }
  .field { margin-bottom: var(--_space); }
  .filters { display: grid; gap: 0 var(--_space); grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); }
  fieldset { border: 0; padding: 0; margin: 0 0 var(--_space); min-width: 0; }
  .choice { display: flex; align-items: center; min-height: 32px; font-weight: 400; margin: 0; }
  .count { font-weight: 600; }
  ol.results { list-style: none; padding: 0; margin: 0 0 var(--_space); }
  .result { border-bottom: 1px solid var(--_border); padding: var(--_space) 0; }
  .result h3 { font-size: 1.125em; margin-bottom: 4px; }
  .result .link-button { font-weight: 600; font-size: inherit; }
  .meta { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; color: var(--_secondary-text); margin-bottom: 4px; }
  .description { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; margin: 0; }
  .topics { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-wrap: wrap; gap: 4px; }
  .detail { border-top: 4px solid var(--_primary); padding-top: var(--_space); }
  .detail h3:focus { outline: none; }
  dl { margin: 0; }
  dt { font-weight: 600; margin-top: calc(var(--_space) / 2); }
  dd { margin: 0; white-space: pre-line; }
  ul.plain { padding-left: 1.25em; margin: 0; }
  table.opening-hours { border-collapse: collapse; margin: 4px 0; }
  .opening-hours th, .opening-hours td { text-align: left; vertical-align: top; padding: 4px 16px 4px 0; border-bottom: 1px solid var(--_border); }
  .opening-hours thead th { font-weight: 600; }
  .opening-hours tbody th { font-weight: 400; }
  dd p { margin: 0; }
`;
