// A <node>'s management objects (TS-0004 7.4.18, 7.4.15, Annex D) grouped under it, with the two actions an operator
// triggers most: reboot (Update rbo=true of the reboot mgmtObj) and firmware update (url/vr, then ud=true). Each
// answer of the CSE (its response status code and m2m:dbg) is shown next to the button that caused it.
import { request, retrieve } from './api.js';

/** The mgmtObj specializations of TS-0004 Annex D by root element. */
const NAMES = { 'm2m:fwr': 'firmware', 'm2m:swr': 'software', 'm2m:mem': 'memory', 'm2m:ani': 'areaNwkInfo',
  'm2m:andi': 'areaNwkDeviceInfo', 'm2m:bat': 'battery', 'm2m:dvi': 'deviceInfo', 'm2m:dvc': 'deviceCapability',
  'm2m:rbo': 'reboot', 'm2m:evl': 'eventLog', 'm2m:cmp': 'cmdhPolicy', 'm2m:acmp': 'activeCmdhPolicy',
  'm2m:cmdf': 'cmdhDefaults', 'm2m:cmdv': 'cmdhDefEcValue', 'm2m:cmpv': 'cmdhEcDefParamValues', 'm2m:cml': 'cmdhLimits',
  'm2m:cmnr': 'cmdhNetworkAccessRules', 'm2m:cmwr': 'cmdhNwAccessRule', 'm2m:cmbf': 'cmdhBuffer' };
/** Attributes every resource or every mgmtObj has: left out of the summary, which shows what the object is about. */
const COMMON = new Set(['rn', 'ty', 'ri', 'pi', 'ct', 'lt', 'et', 'acpi', 'lbl', 'st', 'cr', 'at', 'aa', 'daci', 'mgd',
  'obis', 'obps', 'mgs', 'cstn', 'dc']);

function el(name, attributes = {}, ...children) {
  const e = document.createElement(name);
  for (const [k, v] of Object.entries(attributes)) {
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

const shown = v => (typeof v === 'string' ? v : JSON.stringify(v));

/** The mgmtObjs among the child resources of a node retrieved with rcn=8: [{root, path, attributes}]. */
function mgmtObjs(nodePath, node) {
  const out = [];
  for (const [root, value] of Object.entries(node ?? {})) {
    for (const child of Array.isArray(value) ? value : []) {
      if (child?.ty === 13) out.push({ root, path: `${nodePath}/${child.rn}`, attributes: child });
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Shows the mgmtObjs of the node at nodePath (root: its root element) in target. */
export async function renderManagement(target, nodePath, root) {
  const { json } = await request('GET', nodePath, { query: { rcn: 8, ty: 13 } });
  const objects = mgmtObjs(nodePath, json?.[root]);
  if (objects.length === 0) {
    target.replaceChildren(el('p', { class: 'empty', text: 'no mgmtObj under this node' }));
    return;
  }
  target.replaceChildren(...objects.map(card));
}

function rows(attributes) {
  return Object.entries(attributes).filter(([k]) => !COMMON.has(k))
    .map(([k, v]) => el('tr', { 'data-attr': k }, el('th', { text: k }), el('td', { text: shown(v) })));
}

function card(o) {
  const name = NAMES[o.root] ?? o.root;
  const a = o.attributes;
  const tbody = el('tbody', {}, ...rows(a));
  const box = el('article', { class: 'mgmt', 'data-path': o.path, 'data-root': o.root },
    el('h4', { text: `${name} ` }, el('span', { class: 'rn', text: a.rn })),
    a.dc ? el('p', { class: 'dc', text: a.dc }) : '',
    el('table', {}, tbody));
  // After an action the card shows what the CSE stored then (uds, say); the answer next to the button stays.
  const changed = () => retrieve(o.path).then(r => tbody.replaceChildren(...rows(r.attributes)), () => {});
  if (o.root === 'm2m:rbo') box.append(rebootAction(o, changed));
  if (o.root === 'm2m:fwr') box.append(firmwareAction(o, changed));
  return box;
}

/** Runs one Update and writes its answer into out: "2004" on success, "rsc: dbg" otherwise. */
async function update(o, attributes, out) {
  try {
    const { rsc } = await request('PUT', o.path, { body: { [o.root]: attributes } });
    out.textContent = `${rsc || 'OK'} ${Object.keys(attributes).join(', ')} updated`;
    out.classList.remove('error');
    return true;
  } catch (e) {
    out.textContent = e.message; // the response status code and the CSE's m2m:dbg
    out.classList.add('error');
    return false;
  }
}

function rebootAction(o, changed) {
  const out = el('output', { class: 'answer', role: 'status' });
  const button = el('button', { type: 'button', class: 'reboot', text: 'Reboot' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    out.textContent = 'asking the CSE to reboot the device …';
    await update(o, { rbo: true }, out);
    button.disabled = false;
    await changed();
  });
  return el('p', {}, button, ' ', out);
}

/** Firmware update (TS-0004 D.2): the new url and version are stored first, then ud=true starts the update. */
function firmwareAction(o, changed) {
  const url = el('input', { name: 'url', spellcheck: 'false', size: '40' });
  url.value = o.attributes.url ?? '';
  const vr = el('input', { name: 'vr', spellcheck: 'false', size: '10' });
  vr.value = o.attributes.vr ?? '';
  const out = el('output', { class: 'answer', role: 'status' });
  const form = el('form', { class: 'firmware' },
    el('label', {}, 'url', url), el('label', {}, 'vr', vr),
    el('button', { type: 'submit', text: 'Update firmware' }), ' ', out);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const submit = form.querySelector('button');
    submit.disabled = true;
    out.textContent = 'storing url and vr …';
    if (await update(o, { url: url.value.trim(), vr: vr.value.trim() }, out)) {
      out.textContent = 'asking the CSE to update the firmware …';
      await update(o, { ud: true }, out);
    }
    submit.disabled = false;
    await changed();
  });
  return form;
}
