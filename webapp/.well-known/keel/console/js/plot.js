// A container's contentInstances as an SVG plot: x is the creation time (ct), y the content (con) as a number.
import { parseTimestamp } from './api.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 560, HEIGHT = 240, LEFT = 56, RIGHT = 16, TOP = 14, BOTTOM = 34;

function element(name, attributes, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The points of the instances that have a ct and a numeric con, oldest first. */
export function points(instances) {
  return instances
    .map(cin => ({ t: parseTimestamp(cin.ct), y: typeof cin.con === 'string' && cin.con.trim() !== '' ? Number(cin.con) : NaN, cin }))
    .filter(p => p.t && Number.isFinite(p.y))
    .sort((a, b) => a.t - b.t);
}

/** Draws the plot into target; returns how many instances had no numeric content and were left out. */
export function renderPlot(target, instances) {
  const ps = points(instances);
  const svg = element('svg', { width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img',
    'aria-label': `${ps.length} contentInstances over time` });
  svg.append(element('line', { x1: LEFT, y1: HEIGHT - BOTTOM, x2: WIDTH - RIGHT, y2: HEIGHT - BOTTOM, stroke: '#99a' }));
  svg.append(element('line', { x1: LEFT, y1: TOP, x2: LEFT, y2: HEIGHT - BOTTOM, stroke: '#99a' }));
  if (ps.length > 0) {
    const t0 = ps[0].t.getTime(), t1 = ps[ps.length - 1].t.getTime();
    const ys = ps.map(p => p.y);
    let y0 = Math.min(...ys), y1 = Math.max(...ys);
    if (y0 === y1) { y0 -= 1; y1 += 1; } // a flat line still needs a y range
    // A single instant (one point, or all at the same ms) is drawn in the middle.
    const x = t => t1 === t0 ? (LEFT + WIDTH - RIGHT) / 2 : LEFT + (t - t0) / (t1 - t0) * (WIDTH - LEFT - RIGHT);
    const y = v => HEIGHT - BOTTOM - (v - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
    svg.append(element('polyline', { points: ps.map(p => `${x(p.t.getTime())},${y(p.y)}`).join(' ') }));
    for (const p of ps) {
      const dot = element('circle', { cx: x(p.t.getTime()), cy: y(p.y), r: 3.5 });
      dot.append(element('title', {}, `${p.t.toISOString()}  ${p.cin.con}`));
      svg.append(dot);
    }
    svg.append(element('text', { x: LEFT - 6, y: y(y1) + 4, 'text-anchor': 'end' }, String(y1)));
    svg.append(element('text', { x: LEFT - 6, y: y(y0) + 4, 'text-anchor': 'end' }, String(y0)));
    svg.append(element('text', { x: LEFT, y: HEIGHT - 12 }, ps[0].t.toISOString().replace('T', ' ').slice(0, 23)));
    svg.append(element('text', { x: WIDTH - RIGHT, y: HEIGHT - 12, 'text-anchor': 'end' },
      ps[ps.length - 1].t.toISOString().replace('T', ' ').slice(0, 23)));
  }
  target.replaceChildren(svg);
  return instances.length - ps.length;
}
