// One property's input, as the model types it: shared by the record's Change rows and the form that creates a record,
// so a property is edited the same way wherever it appears. Every input is named `field-<property>`.
import { html } from 'lit';
import { type AdminProperty, propertyLabel } from '../contract/admin-model.js';

/** How a property's type is said in its hint. */
export const typeWords = (property: AdminProperty): string =>
  `${property.type === 'choice' ? 'one of a list' : property.type}${property.type === 'strings' || property.type === 'integers' ? ', one a line' : ''}`;

export function fieldInput(property: AdminProperty, draft: string, describedBy: string, invalid: boolean) {
  const id = `field-${property.name}`;
  const cls = invalid ? 'input-error' : '';
  switch (property.type) {
    case 'text':
    case 'strings':
    case 'integers':
      return html`<textarea id=${id} name=${id} class=${cls} aria-describedby=${describedBy} .value=${draft}></textarea>`;
    case 'choice':
      return html`<select id=${id} name=${id} class=${cls} aria-describedby=${describedBy}>
        <option value="" ?selected=${draft === ''}>Not set</option>
        ${property.choices!.map((c) => html`<option value=${c} ?selected=${c === draft}>${c}</option>`)}
      </select>`;
    case 'boolean':
      return html`<fieldset aria-describedby=${describedBy}>
        <legend>${propertyLabel(property.name)}</legend>
        <div class="inline">
          <input type="radio" id=${id} name=${id} value="true" ?checked=${draft === 'true'} /><label for=${id}>Yes</label>
          <input type="radio" id="${id}-no" name=${id} value="false" ?checked=${draft !== 'true'} /><label for="${id}-no">No</label>
        </div>
      </fieldset>`;
    default:
      return html`<input id=${id} name=${id} class=${cls} aria-describedby=${describedBy} .value=${draft} type="text"
        inputmode=${property.type === 'integer' || property.type === 'number' ? 'decimal' : 'text'} />`;
  }
}

/** What the admin has put in a property's input, as text (a boolean's checked radio, `''` when none). */
export function draftIn(root: ShadowRoot | HTMLElement, property: AdminProperty): string {
  const name = `field-${property.name}`;
  if (property.type === 'boolean') return root.querySelector<HTMLInputElement>(`[name="${name}"]:checked`)?.value ?? '';
  return (
    root.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name="${name}"]`)?.value ?? ''
  );
}
