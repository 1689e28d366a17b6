// A target's trajectory as an SVG chart (readings against the line to the target by its deadline) and the same as a table.
import { html, nothing, svg } from 'lit';
import type { PlanTarget } from '../../contract/queries/programme.js';
import type { Strings } from '../../contract/strings.js';
import { along, dayTime } from '../../contract/trajectory.js';

/** The drawing's own units; CSS scales it to the card's width. */
const WIDTH = 320;
const HEIGHT = 160;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };

/**
 * The chart and its table, or nothing when the target has no line (no reading or no deadline: the card says so in
 * words already). Presentation is all attributes and classes in the widget's stylesheet, never a style attribute, so
 * host pages' strict CSPs allow it. The SVG is one image named by its title and description; the table holds every
 * value it draws, for screen readers and anyone who would rather read numbers.
 */
export function renderTrajectory(t: Strings, target: PlanTarget) {
  const line = target.trajectory?.line ?? [];
  const [start, end] = line;
  if (!start || !end || target.readings.length === 0) return nothing;
  const readings = target.readings;
  const first = Math.min(dayTime(start.date), ...readings.map((r) => dayTime(r.date)));
  const last = Math.max(dayTime(end.date), ...readings.map((r) => dayTime(r.date)));
  const top = Math.max(end.value, start.value, ...readings.map((r) => r.value)) * 1.1 || 1;
  const x = (date: string) =>
    PAD.left + ((dayTime(date) - first) / (last - first || 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => HEIGHT - PAD.bottom - (value / top) * (HEIGHT - PAD.top - PAD.bottom);
  const unit = target.unit ? ` ${target.unit}` : '';
  const id = `trajectory-${target.id}`;
  const onTrack = target.trajectory?.onTrack;
  const points = readings.map((r) => `${x(r.date).toFixed(1)},${y(r.value).toFixed(1)}`).join(' ');
  return html`<figure class="trajectory" part="trajectory">
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">
      <title id="${id}-title">${t.trajectoryTitle(target.name)}</title>
      <desc id="${id}-desc">${t.trajectoryDescription(readings.length, `${t.number(end.value)}${unit}`, t.date(end.date))}</desc>
      ${svg`<line class="axis" x1=${PAD.left} y1=${HEIGHT - PAD.bottom} x2=${WIDTH - PAD.right} y2=${HEIGHT - PAD.bottom}></line>
        <line class="axis" x1=${PAD.left} y1=${PAD.top} x2=${PAD.left} y2=${HEIGHT - PAD.bottom}></line>
        <text class="tick" x=${PAD.left - 4} y=${y(0)} text-anchor="end" dominant-baseline="middle">0</text>
        <text class="tick" x=${PAD.left - 4} y=${y(end.value)} text-anchor="end" dominant-baseline="middle">${t.number(end.value)}</text>
        <text class="tick" x=${x(start.date)} y=${HEIGHT - 8} text-anchor="start">${t.date(start.date)}</text>
        <text class="tick" x=${x(end.date)} y=${HEIGHT - 8} text-anchor="end">${t.date(end.date)}</text>
        <line class="expected" x1=${x(start.date)} y1=${y(start.value)} x2=${x(end.date)} y2=${y(end.value)}></line>
        <polyline class="readings" points=${points}></polyline>
        ${readings.map((r) => svg`<circle class="reading" cx=${x(r.date)} cy=${y(r.value)} r="3.5"></circle>`)}`}
    </svg>
    ${onTrack == null ? nothing : html`<figcaption><strong class=${onTrack ? 'tag' : 'tag tag-warning'}>${onTrack ? t.onTrack : t.behindTrack}</strong></figcaption>`}
    <table class="trajectory-table" part="trajectory-table">
      <caption>${t.trajectoryTitle(target.name)}</caption>
      <thead><tr><th scope="col">${t.trajectoryColumns.date}</th><th scope="col">${t.trajectoryColumns.reading}</th><th scope="col">${t.trajectoryColumns.expected}</th></tr></thead>
      <tbody>
        ${readings.map(
          (r) =>
            html`<tr><td>${t.date(r.date)}</td><td>${t.number(r.value)}${unit}</td><td>${t.number(Math.round(along(start, end, r.date)))}${unit}</td></tr>`,
        )}
        <tr><td>${t.date(end.date)}</td><td></td><td>${t.number(end.value)}${unit}</td></tr>
      </tbody>
    </table>
  </figure>`;
}
