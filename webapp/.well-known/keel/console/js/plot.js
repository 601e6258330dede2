// Instances as an SVG plot: x is their time (a contentInstance's ct, a timeSeriesInstance's dgt), y the content (con)
// as a number; the missing data points a timeSeries recorded (mdlt) are marked on the time axis.
import { parseTimestamp } from './api.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 560, HEIGHT = 240, LEFT = 56, RIGHT = 16, TOP = 14, BOTTOM = 34;

function element(name, attributes, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The points of the instances that have a time (the attribute named time) and a numeric con, oldest first. */
export function points(instances, time = 'ct') {
  return instances
    .map(i => ({ t: parseTimestamp(i[time]), y: numeric(i.con), instance: i }))
    .filter(p => p.t && Number.isFinite(p.y))
    .sort((a, b) => a.t - b.t);
}

function numeric(con) {
  if (typeof con === 'number') return con;
  return typeof con === 'string' && con.trim() !== '' ? Number(con) : NaN;
}

const label = d => d.toISOString().replace('T', ' ').slice(0, 23);

/**
 * Draws the plot into target; returns how many instances had no numeric content and were left out. missing: the
 * Dates of missing data points, each a dashed line across the plot and a cross on the time axis; the line through
 * the points breaks where one lies between two of them.
 */
export function renderPlot(target, instances, { time = 'ct', missing = [], what = 'contentInstances' } = {}) {
  const ps = points(instances, time);
  const gaps = missing.filter(Boolean).sort((a, b) => a - b);
  const svg = element('svg', { width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img',
    'aria-label': `${ps.length} ${what} over time` + (gaps.length ? `, ${gaps.length} missing data points` : '') });
  svg.append(element('line', { x1: LEFT, y1: HEIGHT - BOTTOM, x2: WIDTH - RIGHT, y2: HEIGHT - BOTTOM, stroke: '#99a' }));
  svg.append(element('line', { x1: LEFT, y1: TOP, x2: LEFT, y2: HEIGHT - BOTTOM, stroke: '#99a' }));
  const times = [...ps.map(p => p.t.getTime()), ...gaps.map(g => g.getTime())];
  if (times.length > 0) {
    const t0 = Math.min(...times), t1 = Math.max(...times);
    // A single instant (one point, or all at the same ms) is drawn in the middle.
    const x = t => t1 === t0 ? (LEFT + WIDTH - RIGHT) / 2 : LEFT + (t - t0) / (t1 - t0) * (WIDTH - LEFT - RIGHT);
    for (const g of gaps) {
      const at = x(g.getTime());
      const mark = element('g', { class: 'missing', 'data-time': g.toISOString() });
      mark.append(element('title', {}, `missing data point ${label(g)}`));
      mark.append(element('line', { x1: at, y1: TOP, x2: at, y2: HEIGHT - BOTTOM }));
      const base = HEIGHT - BOTTOM;
      mark.append(element('path', { d: `M${at - 4},${base - 4} L${at + 4},${base + 4} M${at - 4},${base + 4} L${at + 4},${base - 4}` }));
      svg.append(mark);
    }
    if (ps.length > 0) {
      const ys = ps.map(p => p.y);
      let y0 = Math.min(...ys), y1 = Math.max(...ys);
      if (y0 === y1) { y0 -= 1; y1 += 1; } // a flat line still needs a y range
      const y = v => HEIGHT - BOTTOM - (v - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
      for (const run of runs(ps, gaps)) {
        svg.append(element('polyline', { points: run.map(p => `${x(p.t.getTime())},${y(p.y)}`).join(' ') }));
      }
      for (const p of ps) {
        const dot = element('circle', { cx: x(p.t.getTime()), cy: y(p.y), r: 3.5 });
        dot.append(element('title', {}, `${p.t.toISOString()}  ${p.instance.con}`));
        svg.append(dot);
      }
      svg.append(element('text', { x: LEFT - 6, y: y(y1) + 4, 'text-anchor': 'end' }, String(y1)));
      svg.append(element('text', { x: LEFT - 6, y: y(y0) + 4, 'text-anchor': 'end' }, String(y0)));
    }
    svg.append(element('text', { x: LEFT, y: HEIGHT - 12 }, label(new Date(t0))));
    svg.append(element('text', { x: WIDTH - RIGHT, y: HEIGHT - 12, 'text-anchor': 'end' }, label(new Date(t1))));
  }
  target.replaceChildren(svg);
  return instances.length - ps.length;
}

/** The points split where a missing data point lies between two neighbours: no line is drawn across a gap. */
function runs(ps, gaps) {
  const out = [[ps[0]]];
  for (let i = 1; i < ps.length; i++) {
    const a = ps[i - 1].t.getTime(), b = ps[i].t.getTime();
    if (gaps.some(g => g.getTime() > a && g.getTime() < b)) out.push([]);
    out[out.length - 1].push(ps[i]);
  }
  return out;
}
