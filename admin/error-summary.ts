// GOV.UK Frontend's error summary: a titled list at the top of a form, focused when it appears, each entry a link
// that moves focus to the field at fault (a button here, since a fragment link cannot reach into a shadow root).
import { html, nothing, type TemplateResult } from 'lit';

export interface SummaryEntry {
  text: string;
  /** The id of the field at fault, in the same shadow root. */
  field?: string;
}

export function errorSummary(
  root: ShadowRoot | null,
  entries: readonly SummaryEntry[],
): TemplateResult | typeof nothing {
  if (entries.length === 0) return nothing;
  const focus = (id: string) => (root?.getElementById(id) as HTMLElement | null)?.focus();
  return html`<div class="error-summary" role="alert" tabindex="-1" data-error-summary>
    <h2>There is a problem</h2>
    <ul>
      ${entries.map((entry) =>
        entry.field
          ? html`<li><button type="button" class="link-button" @click=${() => focus(entry.field!)}>${entry.text}</button></li>`
          : html`<li>${entry.text}</li>`,
      )}
    </ul>
  </div>`;
}

/** Moves focus to the summary once it is drawn, as GOV.UK asks, so a screen reader reads it first. */
export function focusSummary(root: ShadowRoot | null): void {
  (root?.querySelector('[data-error-summary]') as HTMLElement | null)?.focus();
}
