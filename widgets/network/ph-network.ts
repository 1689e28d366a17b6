// <ph-network>: who works with whom. A table of partnerships (the accessible view, shown first) and, on request, the
// same network drawn as a graph; filters by programme, footprint and role; any member can be expanded.
import { html, nothing, type PropertyValues } from 'lit';
import {
  CENTRE,
  NEIGHBOURHOOD,
  NETWORK,
  type Net,
  type NetEdge,
  type NetNode,
} from '../../contract/queries/network.js';
import { ConfigError, PhElement } from '../core/base.js';
import { emit } from '../core/events.js';
import { theme } from '../core/theme.js';
import type { GraphView } from './graph-view.js';
import { networkStyles } from './ph-network.styles.js';

type View = 'table' | 'graph';

/**
 * A partnership network around a programme or an organisation.
 *
 * @tagname ph-network
 * @attr api - the service's address; the address this script came from if not given
 * @attr key - a widget API key, if the service asks for one
 * @attr programme - the key of the programme at the centre (london-mecc-2017-18)
 * @attr organisation - or the key of the organisation at the centre (an ODS or GSS code)
 * @attr around - or the id of either
 * @attr depth - steps out from the centre, 1 to 4 (2)
 * @attr view - table (the default) or graph
 *
 * @event ph-select - a member was chosen ({id, kind: 'Organisation' | 'Programme', name}); cancel it to stop the expansion
 * @event ph-load - the network arrived ({shown, total} partnerships)
 * @event ph-error - the network could not be loaded ({code, message})
 *
 * @cssprop --ph-network-height - the graph's height (28rem)
 * @csspart base - the whole widget
 * @csspart heading - the widget's heading
 * @csspart filters - the filters
 * @csspart table - the table of partnerships
 * @csspart inferred - why a partnership its document does not state was read into it
 * @csspart legend - the graph's key: stated partnerships solid, inferred ones dashed
 * @csspart graph - the graph's drawing area
 * @csspart status - loading and error messages
 */
export class PhNetwork extends PhElement {
  static override styles = [theme, networkStyles];

  static override properties = {
    ...PhElement.properties,
    programme: { type: String },
    organisation: { type: String },
    around: { type: String },
    depth: { type: Number },
    view: { type: String, reflect: true },
    net: { state: true },
    centreName: { state: true },
    footprintNames: { state: true },
    programmeFilter: { state: true },
    footprintFilter: { state: true },
    roleFilter: { state: true },
    graphState: { state: true },
    focusIndex: { state: true },
    announcement: { state: true },
  };

  declare programme: string;
  declare organisation: string;
  declare around: string;
  declare depth: number;
  declare view: View;
  declare private net: Net;
  declare private centreName: string;
  declare private footprintNames: Map<string, string>;
  declare private programmeFilter: string;
  declare private footprintFilter: string;
  declare private roleFilter: Set<string>;
  declare private graphState: 'none' | 'loading' | 'ready' | 'unavailable';
  declare private focusIndex: number;
  declare private announcement: string;
  private graph?: GraphView;
  /** Counts drawings, so that one overtaken by a newer one (the filters changed meanwhile) gives way. */
  private drawing = 0;

  protected readonly reloadOn = ['programme', 'organisation', 'around', 'depth'];

  constructor() {
    super();
    this.programme = '';
    this.organisation = '';
    this.around = '';
    this.depth = 2;
    this.view = 'table';
    this.net = { nodes: [], edges: [] };
    this.centreName = '';
    this.footprintNames = new Map();
    this.programmeFilter = '';
    this.footprintFilter = '';
    this.roleFilter = new Set();
    this.graphState = 'none';
    this.focusIndex = -1;
    this.announcement = '';
  }

  protected async load(signal: AbortSignal): Promise<void> {
    let around = this.around;
    if (!around) {
      if (!this.programme && !this.organisation) throw new ConfigError('programme');
      const found = await this.client.query<{
        programme?: { id: string; name: string };
        organisation?: { id: string; name: string };
      }>(
        CENTRE,
        {
          programme: this.programme || null,
          organisation: this.organisation || null,
          byProgramme: !!this.programme,
          byOrganisation: !this.programme,
        },
        signal,
      );
      around = (found.programme ?? found.organisation)!.id;
    }
    const depth = Math.max(1, Math.min(4, Math.floor(this.depth) || 2));
    const data = await this.client.query<{ network: Net; areas: { edges: { node: { key: string; name: string } }[] } }>(
      NETWORK,
      { around, depth },
      signal,
    );
    this.net = data.network;
    this.centreName = data.network.nodes.find((n) => n.id === around)?.name ?? '';
    this.footprintNames = new Map(data.areas.edges.map((e) => [e.node.key, e.node.name]));
    this.programmeFilter = '';
    this.footprintFilter = '';
    this.roleFilter = new Set();
    this.focusIndex = -1;
    emit(this, 'ph-load', { shown: this.partnerships().length, total: this.net.edges.length });
  }

  protected override updated(changed: PropertyValues): void {
    // The graph follows the data, the filters and the view; it is drawn again rather than patched, which is quick at these sizes.
    const drawn = ['net', 'view', 'programmeFilter', 'footprintFilter', 'roleFilter', 'loadState'];
    if (drawn.some((name) => changed.has(name as keyof this))) void this.drawGraph();
    if (changed.has('focusIndex')) this.graph?.highlight(this.visibleMembers()[this.focusIndex]?.id ?? null);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.graph?.destroy();
    this.graph = undefined;
  }

  private byId(): Map<string, NetNode> {
    return new Map(this.net.nodes.map((n) => [n.id, n]));
  }

  /** The partnerships (organisation → programme) that pass the filters. */
  private partnerships(): NetEdge[] {
    const nodes = this.byId();
    return this.net.edges.filter((e) => {
      if (e.type !== 'PARTNER_IN') return false;
      if (this.programmeFilter && e.target !== this.programmeFilter) return false;
      if (this.roleFilter.size > 0 && !this.roleFilter.has(e.role ?? '')) return false;
      if (this.footprintFilter && !nodes.get(e.source)?.footprints.includes(this.footprintFilter)) return false;
      return nodes.has(e.source) && nodes.has(e.target);
    });
  }

  /** What the graph shows: the filtered partnerships, and the programme hierarchy among their programmes. */
  private visible(): Net {
    const partnerships = this.partnerships();
    const ids = new Set(partnerships.flatMap((e) => [e.source, e.target]));
    const filtered = this.programmeFilter || this.footprintFilter || this.roleFilter.size > 0;
    if (!filtered) for (const n of this.net.nodes) ids.add(n.id);
    const hierarchy = this.net.edges.filter(
      (e) => e.type === 'PROGRAMME_PART_OF' && ids.has(e.source) && ids.has(e.target),
    );
    return { nodes: this.net.nodes.filter((n) => ids.has(n.id)), edges: [...partnerships, ...hierarchy] };
  }

  /** The graph's members in the order the arrow keys visit them: by name. */
  private visibleMembers(): NetNode[] {
    const locale = this.t.locale;
    return [...this.visible().nodes].sort((a, b) => a.name.localeCompare(b.name, locale));
  }

  private async drawGraph(): Promise<void> {
    const drawing = ++this.drawing;
    this.graph?.destroy();
    this.graph = undefined;
    if (this.view !== 'graph' || this.loadState !== 'ready') return;
    await this.updateComplete;
    const container = this.renderRoot.querySelector<HTMLElement>('.graph');
    if (!container) return;
    this.graphState = 'loading';
    try {
      const { drawGraph } = await import('./graph-view.js');
      if (drawing !== this.drawing) return;
      const style = getComputedStyle(container);
      const colour = (name: string) => style.getPropertyValue(name).trim();
      this.graph = drawGraph(
        container,
        this.visible(),
        {
          programme: colour('--_primary'),
          organisation: colour('--_secondary-text'),
          edge: colour('--_border'),
          highlight: colour('--_action'),
          label: colour('--_text'),
        },
        (id) => void this.choose(id),
      );
      this.graphState = 'ready';
    } catch {
      // No WebGL (an old or locked-down browser): the table still holds everything.
      this.graphState = 'unavailable';
    }
  }

  /** A reader chose a member: tell the page, and unless it objects, add the partners around it. */
  private async choose(id: string): Promise<void> {
    const node = this.byId().get(id);
    if (!node) return;
    if (
      !emit(this, 'ph-select', { id, kind: node.type === 'PROGRAMME' ? 'Programme' : 'Organisation', name: node.name })
    )
      return;
    try {
      const { network } = await this.client.query<{ network: Net }>(NEIGHBOURHOOD, { around: id });
      const known = this.byId();
      const added = network.nodes.filter((n) => !known.has(n.id));
      const edgeKey = (e: NetEdge) => `${e.source}|${e.target}|${e.type}`;
      const edges = new Set(this.net.edges.map(edgeKey));
      this.net = {
        nodes: [...this.net.nodes, ...added],
        edges: [...this.net.edges, ...network.edges.filter((e) => !edges.has(edgeKey(e)))],
      };
      this.announcement = this.t.expanded(node.name, added.length);
    } catch (error) {
      this.fail(error);
    }
  }

  private onGraphKey(event: KeyboardEvent): void {
    const members = this.visibleMembers();
    if (members.length === 0) return;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (step !== undefined) {
      this.focusIndex = (this.focusIndex + step + members.length) % members.length;
    } else if (event.key === 'Home' || event.key === 'End') {
      this.focusIndex = event.key === 'Home' ? 0 : members.length - 1;
    } else if (event.key === 'Enter' && members[this.focusIndex]) {
      void this.choose(members[this.focusIndex]!.id);
    } else if (event.key === 'Escape') {
      this.focusIndex = -1;
      this.announcement = '';
    } else {
      return;
    }
    event.preventDefault();
    const member = members[this.focusIndex];
    if (member && event.key !== 'Enter') {
      const links = this.visible().edges.filter((e) => e.source === member.id || e.target === member.id).length;
      this.announcement = this.t.graphFocus(member.name, links);
    }
  }

  private toggleRole(role: string, on: boolean): void {
    const next = new Set(this.roleFilter);
    if (on) next.add(role);
    else next.delete(role);
    this.roleFilter = next;
  }

  override render() {
    if (this.loadState !== 'ready') return html`<div part="base">${this.renderStatus()}</div>`;
    const t = this.t;
    const locale = t.locale;
    const nodes = this.byId();
    const programmes = this.net.nodes
      .filter((n) => n.type === 'PROGRAMME')
      .sort((a, b) => a.name.localeCompare(b.name, locale));
    const footprints = [...new Set(this.net.nodes.flatMap((n) => n.footprints))]
      .map((key) => ({ key, name: this.footprintNames.get(key) ?? key }))
      .sort((a, b) => a.name.localeCompare(b.name, locale));
    const roles = [...new Set(this.net.edges.map((e) => e.role).filter((r): r is string => !!r))];
    const rows = this.partnerships()
      .map((e) => ({
        organisation: nodes.get(e.source)!,
        programme: nodes.get(e.target)!,
        role: e.role ?? '',
        inference: e.inferred ? (e.inference ?? '') : undefined,
      }))
      .sort(
        (a, b) =>
          a.programme.name.localeCompare(b.programme.name, locale) ||
          a.organisation.name.localeCompare(b.organisation.name, locale),
      );
    const shown = new Set(this.visible().nodes.map((n) => n.id));
    const organisationCount = new Set(rows.map((r) => r.organisation.id)).size;
    const programmeCount = new Set(rows.map((r) => r.programme.id)).size;
    const member = (n: NetNode) =>
      html`<button type="button" class="link-button" aria-describedby="expand-hint" @click=${() => this.choose(n.id)}>${n.name}</button>`;

    return html`<section part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${t.networkHeading(this.centreName)}</h2>
      <p role="status">${t.networkSummary(organisationCount, programmeCount)}</p>
      <div class="filters" part="filters">
        <div class="field">
          <label for="programme-filter">${t.programmeFilter}</label>
          <select id="programme-filter" @change=${(e: Event) => (this.programmeFilter = (e.target as HTMLSelectElement).value)}>
            <option value="">${t.anyOption}</option>
            ${programmes.map((p) => html`<option value=${p.id} ?selected=${p.id === this.programmeFilter}>${p.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="footprint-filter">${t.footprintFilter}</label>
          <select id="footprint-filter" @change=${(e: Event) => (this.footprintFilter = (e.target as HTMLSelectElement).value)}>
            <option value="">${t.anyOption}</option>
            ${footprints.map((f) => html`<option value=${f.key} ?selected=${f.key === this.footprintFilter}>${f.name}</option>`)}
          </select>
        </div>
        <fieldset>
          <legend>${t.roleFilter}</legend>
          <div class="roles">${roles.map(
            (role) => html`<label class="choice"><input type="checkbox" .checked=${this.roleFilter.has(role)}
            @change=${(e: Event) => this.toggleRole(role, (e.target as HTMLInputElement).checked)} />${t.roles[role] ?? role}</label>`,
          )}</div>
        </fieldset>
        <fieldset>
          <legend>${t.viewLabel}</legend>
          <div class="views">
            ${(['table', 'graph'] as const).map(
              (view) => html`<label class="choice"><input type="radio" name="view" value=${view}
              .checked=${this.view === view} @change=${() => (this.view = view)} />${view === 'table' ? t.viewTable : t.viewGraph}</label>`,
            )}
          </div>
        </fieldset>
      </div>
      <p id="expand-hint" class="hint">${t.expandHint}</p>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${this.view === 'graph' ? this.renderGraph() : nothing}
      ${
        rows.length === 0
          ? html`<p>${t.noPartnerships}</p>`
          : html`
        <table part="table" ?hidden=${this.view === 'graph' && this.graphState === 'ready'}>
          <caption>${t.networkSummary(organisationCount, programmeCount)}</caption>
          <thead><tr><th scope="col">${t.networkColumns.organisation}</th><th scope="col">${t.networkColumns.role}</th><th scope="col">${t.networkColumns.programme}</th></tr></thead>
          <tbody>${rows.map(
            (r) => html`<tr>
            <td>${member(r.organisation)}${r.organisation.organisationKind ? html`<br /><span class="muted">${t.organisationKinds[r.organisation.organisationKind]}</span>` : nothing}</td>
            <td>${t.roles[r.role] ?? r.role}${r.inference === undefined ? nothing : html`<br /><span class="inferred" part="inferred">${t.inferred(r.inference)}</span>`}</td>
            <td>${member(r.programme)}</td>
          </tr>`,
          )}</tbody>
        </table>`
      }
      ${this.renderProgrammes(
        programmes.filter((p) => shown.has(p.id)),
        nodes,
        member,
      )}
    </section>`;
  }

  /** The programmes and how they nest, so the table says all the graph does. */
  private renderProgrammes(programmes: NetNode[], nodes: Map<string, NetNode>, member: (n: NetNode) => unknown) {
    if (programmes.length === 0) return nothing;
    const t = this.t;
    const parentOf = new Map(
      this.net.edges.filter((e) => e.type === 'PROGRAMME_PART_OF').map((e) => [e.source, nodes.get(e.target)]),
    );
    return html`<div ?hidden=${this.view === 'graph' && this.graphState === 'ready'}>
      <h3>${t.programmesHeading}</h3>
      <ul class="programmes">${programmes.map((p) => {
        const parent = parentOf.get(p.id);
        return html`<li>${member(p)}${parent ? html` <span class="muted">(${t.partOf(parent.name)})</span>` : nothing}</li>`;
      })}</ul>
    </div>`;
  }

  private renderGraph() {
    const t = this.t;
    return html`${this.graphState === 'loading' ? html`<p class="status" role="status">${t.graphLoading}</p>` : nothing}
      ${this.graphState === 'unavailable' ? html`<p class="status" role="status">${t.graphUnavailable}</p>` : nothing}
      <p id="graph-help" class="hint">${t.graphHelp}</p>
      <div class="graph" part="graph" tabindex="0" role="application" aria-label=${t.graphLabel} aria-describedby="graph-help"
        ?hidden=${this.graphState === 'unavailable'} @keydown=${this.onGraphKey}></div>
      <div class="legend" part="legend" ?hidden=${this.graphState === 'unavailable'}>
        <h3 id="graph-legend">${t.graphLegend}</h3>
        <ul aria-labelledby="graph-legend">
          <li><span class="line stated" aria-hidden="true"></span>${t.legendStated}</li>
          <li><span class="line dashed" aria-hidden="true"></span>${t.legendInferred}</li>
        </ul>
      </div>`;
  }
}
