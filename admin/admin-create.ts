// Creating a record of any kind: choose the kind, give its key (the rule said beside it), fill in the required
// properties first and the optional ones after; the model's validation is shown beside each field, and the new record
// is opened once it exists.
import { html, nothing } from 'lit';
import { type AdminLabel, type AdminProperty, propertyLabel } from '../contract/admin-model.js';
import { CREATE_RECORD } from '../contract/queries/admin.js';
import { AdminError, type FieldProblem } from './api.js';
import { errorSummary, focusSummary, type SummaryEntry } from './error-summary.js';
import { emitAdmin } from './events.js';
import { draftIn, fieldInput, typeWords } from './field-input.js';
import { AdminScreen } from './screen.js';
import { parseDraft } from './values.js';

/** Where each problem's field is in the form: the kind and key have their own inputs, properties are `field-…`. */
const inputId = (field: string): string =>
  field === 'kind' ? 'create-kind' : field === 'key' ? 'create-key' : `field-${field}`;

/** What a field is called in the error summary. */
const fieldTitle = (field: string): string => (field === 'kind' ? 'Kind' : propertyLabel(field));

export class AdminCreate extends AdminScreen {
  static override properties = {
    ...AdminScreen.properties,
    kind: { state: true },
    problems: { state: true },
    busy: { state: true },
  };

  declare kind: string;
  declare problems: FieldProblem[];
  declare busy: boolean;

  constructor() {
    super();
    this.kind = '';
    this.problems = [];
    this.busy = false;
  }

  private get label(): AdminLabel | undefined {
    return this.model.labels.find((l) => l.label === this.kind);
  }

  /** Required properties first, then the rest, each group in the model's order; `demo` is the service's to set. */
  private propertiesOf(label: AdminLabel): { required: AdminProperty[]; optional: AdminProperty[] } {
    const editable = label.properties.filter((p) => p.name !== 'demo');
    return { required: editable.filter((p) => p.required), optional: editable.filter((p) => !p.required) };
  }

  private async showProblems(problems: FieldProblem[]): Promise<void> {
    this.problems = problems;
    await this.updateComplete;
    focusSummary(this.shadowRoot);
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const label = this.label;
    const root = this.renderRoot as ShadowRoot;
    const key = root.querySelector<HTMLInputElement>('#create-key')?.value.trim() ?? '';
    const problems: FieldProblem[] = [];
    if (!label) problems.push({ field: 'kind', message: 'Choose the kind of record to create.' });
    if (!key) problems.push({ field: 'key', message: 'Enter a key for the record.' });
    const properties: Record<string, unknown> = {};
    if (label) {
      const { required, optional } = this.propertiesOf(label);
      for (const property of [...required, ...optional]) {
        const value = parseDraft(property, draftIn(root, property));
        // A boolean left at No is not worth storing unless the model requires it.
        if (value === undefined || (property.type === 'boolean' && value === false && !property.required)) {
          if (property.required)
            problems.push({
              field: property.name,
              message: `Enter the ${propertyLabel(property.name).toLowerCase()}: every ${label.label} needs one.`,
            });
          continue;
        }
        properties[property.name] = value;
      }
    }
    if (problems.length > 0 || !label) return this.showProblems(problems);
    this.busy = true;
    try {
      const { createRecord } = await this.api.graphql<{ createRecord: { id: string; key: string } }>(CREATE_RECORD, {
        kind: label.label,
        key,
        properties,
      });
      this.problems = [];
      emitAdmin(this, 'admin-open', {
        id: createRecord.id,
        message: `${label.label} ${createRecord.key} created. Add its links below.`,
      });
    } catch (error) {
      const listed = error instanceof AdminError ? (error.details.problems as FieldProblem[] | undefined) : undefined;
      if (listed?.length) await this.showProblems(listed.map((p) => ({ ...p, field: p.field ?? 'key' })));
      else
        await this.showProblems([
          {
            // A key in use is the key's problem; anything else is said at the top of the form.
            field: error instanceof AdminError && error.code === 'CONFLICT' ? 'key' : undefined,
            message: this.messageOf(error),
          },
        ]);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const label = this.label;
    const summary: SummaryEntry[] = this.problems.map((p) => ({
      text: `${p.field ? `${fieldTitle(p.field)}: ` : ''}${p.message}${p.fix ? ` ${p.fix}` : ''}`,
      field: p.field ? inputId(p.field) : undefined,
    }));
    const kindProblem = this.problemOf('kind');
    const keyProblem = this.problemOf('key');
    const groups = label ? this.propertiesOf(label) : undefined;
    return html`
      ${errorSummary(this.shadowRoot, summary)}
      <h1 tabindex="-1">Create a record</h1>
      <form @submit=${(e: SubmitEvent) => void this.create(e)} novalidate>
        <div class="form-group ${kindProblem ? 'form-group-error' : ''}">
          <label for="create-kind">Kind of record</label>
          <span class="hint" id="create-kind-hint">${label ? label.description : 'What the record is: the fields to fill in follow from it.'}</span>
          ${this.errorLine('kind', kindProblem)}
          <select id="create-kind" class=${kindProblem ? 'input-error' : ''}
            aria-describedby="create-kind-hint${kindProblem ? ' error-kind' : ''}"
            @change=${(e: Event) => {
              this.kind = (e.target as HTMLSelectElement).value;
              this.problems = [];
            }}>
            <option value="">Choose a kind</option>
            ${this.model.labels.map((l) => html`<option value=${l.label} ?selected=${l.label === this.kind}>${l.label}</option>`)}
          </select>
        </div>
        <div class="form-group ${keyProblem ? 'form-group-error' : ''}">
          <label for="create-key">Key</label>
          <span class="hint" id="create-key-hint">The record’s natural key, from which its id is made, so it cannot be changed later and an import of the same record updates it rather than adding another. Use the ODS code for an NHS organisation, the GSS code for an area, and otherwise a lower-case slug of its name, such as barnet-immunisation-2017-18: letters, digits and - . _ : only, starting with a letter or digit, up to 200 characters.</span>
          ${this.errorLine('key', keyProblem)}
          <input type="text" id="create-key" autocomplete="off" spellcheck="false" class=${keyProblem ? 'input-error' : ''}
            aria-describedby="create-key-hint${keyProblem ? ' error-key' : ''}" />
        </div>
        ${
          groups
            ? html`${groups.required.length > 0 ? html`<h2>Required</h2>${groups.required.map((p) => this.renderProperty(p))}` : nothing}
              ${groups.optional.length > 0 ? html`<h2>Optional</h2><p class="hint">Leave empty what you do not know yet: each can be added later.</p>${groups.optional.map((p) => this.renderProperty(p))}` : nothing}`
            : nothing
        }
        <button class="button" type="submit" ?disabled=${this.busy}>${this.busy ? 'Creating…' : 'Create record'}</button>
      </form>`;
  }

  private problemOf(field: string): FieldProblem | undefined {
    return this.problems.find((p) => p.field === field);
  }

  private errorLine(field: string, problem: FieldProblem | undefined) {
    return problem
      ? html`<span class="field-error" id="error-${field}"><span class="visually-hidden">Error:</span> ${problem.message}${problem.fix ? ` ${problem.fix}` : ''}</span>`
      : nothing;
  }

  private renderProperty(property: AdminProperty) {
    const name = property.name;
    const problem = this.problemOf(name);
    const describedBy = `hint-${name}${problem ? ` error-${name}` : ''}`;
    return html`<div class="form-group ${problem ? 'form-group-error' : ''}">
      ${property.type === 'boolean' ? nothing : html`<label for="field-${name}">${propertyLabel(name)}${property.required ? '' : ' (optional)'}</label>`}
      <span class="hint" id="hint-${name}">${property.description} (${typeWords(property)}${property.private ? ', private: only analysts and admins see it' : ''})</span>
      ${this.errorLine(name, problem)}
      ${fieldInput(property, '', describedBy, Boolean(problem))}
    </div>`;
  }
}
