// Wires the page: header settings, the tree, the selected resource's attributes, plot, forms and notifications.
import { settings, request, retrieve, isRemote, flexNames, parseTimestamp, ROOT_ELEMENTS } from './api.js';
import { Tree } from './tree.js';
import { renderPlot } from './plot.js';
import { renderManagement } from './management.js';
import { Watcher } from './notifications.js';

const $ = id => document.getElementById(id);
let selected = null; // {path, ty, root, attributes}

function status(text, error = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', error);
}
const fail = e => status(e.message, true);

// What the create form asks for, per resource type, and how it becomes the request body.
const list = v => v.split(',').map(s => s.trim()).filter(Boolean);
const CREATE = {
  2: {
    fields: [['originator', 'AE-ID to register (its X-M2M-Origin; C: the CSE assigns one)', 'C'], ['rn', 'rn', ''],
      ['api', 'api', 'Nkeel.console']],
    body: v => ({ rn: v.rn, api: v.api, rr: false, srv: ['3'] }),
  },
  3: { fields: [['rn', 'rn', ''], ['mni', 'mni (most instances)', '']], body: v => ({ rn: v.rn, mni: v.mni && Number(v.mni) }) },
  4: { fields: [['rn', 'rn', ''], ['cnf', 'cnf', 'text/plain:0'], ['con', 'con', '']], body: v => ({ rn: v.rn, cnf: v.cnf, con: v.con }) },
  23: {
    fields: [['rn', 'rn', ''], ['nu', 'nu (comma-separated URLs or AE-IDs)', ''], ['net', 'enc/net (comma-separated)', '1,3']],
    body: v => ({ rn: v.rn, nu: list(v.nu), enc: v.net ? { net: list(v.net).map(Number) } : undefined }),
  },
};
// The type a new child of each type most likely has.
const LIKELY_CHILD = { 5: 2, 2: 3, 3: 4 };
// Attributes the update form offers, per type; types missing here (contentInstance, CSEBase) are not updated.
const UPDATABLE = { 2: ['lbl', 'rr', 'poa'], 3: ['lbl', 'mni', 'mbs', 'mia'], 23: ['lbl', 'nu', 'enc', 'exc'] };

function createFields() {
  const ty = Number($('create-type').value);
  $('create-fields').replaceChildren(...CREATE[ty].fields.map(([name, label, value]) => {
    const l = document.createElement('label');
    const input = document.createElement('input');
    input.id = `create-${name}`;
    input.value = value;
    input.spellcheck = false;
    l.append(label, input);
    return l;
  }));
}

/** Selecting a resource shows it and sets the forms up for it. */
async function select(path) {
  if (!await show(path)) return;
  const updatable = UPDATABLE[selected.ty];
  $('update-form').hidden = !updatable;
  if (updatable) {
    const current = Object.fromEntries(updatable.filter(a => a in selected.attributes).map(a => [a, selected.attributes[a]]));
    $('update-body').value = JSON.stringify({ [selected.root]: current }, null, 2);
  }
  if (LIKELY_CHILD[selected.ty]) {
    $('create-type').value = LIKELY_CHILD[selected.ty];
    createFields();
  }
  $('delete').textContent = 'Delete';
  // A remoteCSE's cb is its CSEBase SP-relative ("/id-mn/cse-mn"): this CSE forwards "~/id-mn/cse-mn" there.
  $('browse-section').hidden = !(selected.ty === 16 && selected.attributes.cb?.startsWith('/'));
  // The console's AE, which receives notifications, lives on this CSE; a remote CSE would not reach it by its AE-ID.
  $('watch-section').hidden = isRemote(path);
}

/** Shows the tree from rootPath: this CSE's CSEBase, or another CSE's reached through this one. */
function showTree(rootPath) {
  $('local').hidden = !isRemote(rootPath);
  tree.show(rootPath);
}

/** Retrieves the resource and shows its attributes (and plot); leaves the forms alone, which may hold typing. */
async function show(path) {
  try {
    const { root, attributes } = await retrieve(path);
    selected = { path, root, attributes, ty: attributes.ty };
  } catch (e) {
    fail(e);
    return false;
  }
  const longNames = await customAttributeNames(path, selected.root);
  $('details').hidden = false;
  $('selected-path').textContent = path;
  $('attributes').tBodies[0].replaceChildren(...Object.entries(selected.attributes).map(([k, v]) => {
    const tr = document.createElement('tr');
    tr.dataset.attr = k;
    const th = document.createElement('th');
    // A flexContainer's custom attributes by their long names (the short name on hover), as the catalogue names them.
    th.textContent = longNames[k] ?? k;
    if (longNames[k]) th.title = k;
    const td = document.createElement('td');
    td.textContent = typeof v === 'string' ? v : JSON.stringify(v);
    tr.append(th, td);
    return tr;
  }));
  await plot();
  await management();
  return true;
}

/** A node's mgmtObjs, with their actions (TS-0004 7.4.18: a node holds them as children). */
async function management() {
  $('mgmt-section').hidden = selected.ty !== 14;
  if (selected.ty !== 14) return;
  try {
    await renderManagement($('mgmt'), selected.path, selected.root);
  } catch (e) {
    fail(e);
  }
}

/**
 * Long names of the custom attributes of a flexContainer (or its announced variant) by short name; a
 * flexContainerInstance (m2m:fcin) has those of its parent's specialization. {} for other resources.
 */
async function customAttributeNames(path, root) {
  const catalogue = await flexNames();
  let specialization = catalogue[root];
  if (root === 'm2m:fcin' && path.includes('/')) {
    specialization = await retrieve(path.slice(0, path.lastIndexOf('/'))).then(p => catalogue[p.root], () => undefined);
  }
  return specialization?.attributes ?? {};
}

// What is plotted, per type: the children of which type, their time attribute (TS-0004 7.4.7 ct, 7.4.39 dgt).
const PLOTS = {
  3: { child: 4, childRoot: 'm2m:cin', time: 'ct', what: 'contentInstances', title: 'contentInstances over time' },
  29: { child: 30, childRoot: 'm2m:tsi', time: 'dgt', what: 'timeSeriesInstances',
    title: 'timeSeriesInstances over dataGenerationTime' },
};

async function plot() {
  const kind = PLOTS[selected.ty];
  $('plot-section').hidden = !kind;
  if (!kind) return;
  $('plot-title').textContent = kind.title;
  try {
    const r = await request('GET', selected.path, { query: { rcn: 8, ty: kind.child } });
    const instances = r.json?.[selected.root]?.[kind.childRoot] ?? [];
    // A timeSeries's missing data points (TS-0004 7.4.38: mdlt, the dataGenerationTimes the CSE found missing).
    const mdlt = Array.isArray(selected.attributes.mdlt) ? selected.attributes.mdlt : [];
    const missing = mdlt.map(parseTimestamp).filter(Boolean);
    const skipped = renderPlot($('plot'), instances, { time: kind.time, missing, what: kind.what });
    $('plot-legend').hidden = selected.ty !== 29;
    $('plot-legend').textContent = missing.length
      ? `✕ and dashed line: ${missing.length} missing data point${missing.length === 1 ? '' : 's'} (mdlt; mdc ${selected.attributes.mdc ?? 0})`
      : 'no missing data points recorded (mdlt)';
    const notes = [];
    if (skipped) notes.push(`${skipped} without numeric con left out`);
    if (r.headers.get('X-M2M-CTS')) notes.push(`only the first ${instances.length} the CSE returns`);
    if (notes.length) status(`plot: ${notes.join('; ')}`);
  } catch (e) {
    fail(e);
  }
}

const tree = new Tree($('tree'), select, fail);
const watcher = new Watcher($('notifications'), status, fail, target => {
  if (selected?.path === target) show(target); // attributes and plot follow what the notification announced
});

$('originator').addEventListener('input', e => { settings.originator = e.target.value.trim(); });
$('authorization').addEventListener('input', e => { settings.authorization = e.target.value.trim(); });
$('reload').addEventListener('click', () => showTree($('root').value.trim()));
$('local').addEventListener('click', () => {
  $('details').hidden = true;
  selected = null;
  showTree($('root').value.trim());
});
$('browse').addEventListener('click', () => {
  const root = `~${selected.attributes.cb}`;
  $('details').hidden = true;
  selected = null;
  showTree(root);
  status(`browsing ${root} through this CSE`);
});
$('create-type').addEventListener('change', createFields);

$('create-form').addEventListener('submit', async e => {
  e.preventDefault();
  const ty = Number($('create-type').value);
  const values = Object.fromEntries(CREATE[ty].fields.map(([name]) => [name, $(`create-${name}`).value.trim()]));
  // Empty fields are left out: the CSE chooses (rn) or the attribute stays unset.
  const attributes = Object.fromEntries(Object.entries(CREATE[ty].body(values)).filter(([, v]) => v !== '' && v !== undefined));
  try {
    const { json } = await request('POST', selected.path, { ty, body: { [ROOT_ELEMENTS[ty]]: attributes },
      originator: ty === 2 ? values.originator : settings.originator });
    status(`created ${Object.values(json)[0].ri}`);
    await tree.refresh(selected.path);
    await show(selected.path); // its cni, its plot

  } catch (err) {
    fail(err);
  }
});

$('update-form').addEventListener('submit', async e => {
  e.preventDefault();
  try {
    const body = JSON.parse($('update-body').value);
    await request('PUT', selected.path, { body });
    status(`updated ${selected.path}`);
    await select(selected.path);
  } catch (err) {
    fail(err);
  }
});

// Two clicks: the first only asks.
$('delete').addEventListener('click', async () => {
  if ($('delete').textContent === 'Delete') {
    $('delete').textContent = `Really delete ${selected.path}?`;
    return;
  }
  const path = selected.path;
  try {
    await request('DELETE', path);
    status(`deleted ${path}`);
    $('details').hidden = true;
    selected = null;
    await tree.refresh(path.slice(0, path.lastIndexOf('/')));
  } catch (err) {
    fail(err);
  }
});

$('watch').addEventListener('click', async () => {
  try {
    await watcher.watch($('root').value.trim(), selected.path, settings.originator);
    $('unwatch').hidden = false;
  } catch (err) {
    fail(err);
  }
});
$('unwatch').addEventListener('click', async () => {
  try {
    await watcher.unwatch();
    $('unwatch').hidden = true;
  } catch (err) {
    fail(err);
  }
});
window.addEventListener('pagehide', () => watcher.leave());

createFields();
showTree($('root').value.trim());
