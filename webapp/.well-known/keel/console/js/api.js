// The console's only way to the CSE: the oneM2M HTTP binding (TS-0009), as the originator typed in the header (with
// the Authorization typed there, for a CSE that authenticates its clients).

// This module lives at <context>/.well-known/keel/console/js/api.js; the CSE answers at <context>/.
const BASE = new URL('../../../../', import.meta.url);

let requestCounter = 0;

export const settings = { originator: 'CAdmin', authorization: '' };

/** A oneM2M error answer: its response status code and the CSE's explanation (m2m:dbg). */
export class OneM2MError extends Error {
  constructor(rsc, status, message) {
    super(`${rsc || status}: ${message}`);
    this.rsc = rsc;
  }
}

/** The shortname of each type's root element (TS-0004 table 8.2.2-1), for building request bodies. */
export const ROOT_ELEMENTS = { 1: 'm2m:acp', 2: 'm2m:ae', 3: 'm2m:cnt', 4: 'm2m:cin', 5: 'm2m:cb', 15: 'm2m:pch',
  16: 'm2m:csr', 17: 'm2m:req', 18: 'm2m:sch', 23: 'm2m:sub', 10001: 'm2m:acpA', 10002: 'm2m:aeA', 10003: 'm2m:cntA',
  10004: 'm2m:cinA', 10009: 'm2m:grpA', 10018: 'm2m:schA' };
export const TYPE_NAMES = { 1: 'accessControlPolicy', 2: 'AE', 3: 'container', 4: 'contentInstance', 5: 'CSEBase',
  15: 'pollingChannel', 16: 'remoteCSE', 17: 'request', 18: 'schedule', 23: 'subscription', 10001: 'accessControlPolicyAnnc',
  10002: 'AEAnnc', 10003: 'containerAnnc', 10004: 'contentInstanceAnnc', 10009: 'groupAnnc', 28: 'flexContainer',
  58: 'flexContainerInstance', 10028: 'flexContainerAnnc', 10018: 'scheduleAnnc' };

/**
 * One request. path is a CSE-relative ID such as "cse-in/myapp" (structured) or "Cmyapp" (unstructured), or an
 * SP-relative one with "~" for its leading slash ("~/id-mn/cse-mn/box"), which this CSE forwards to that CSE. Resolves
 * to {rsc, json, headers}; rejects with a OneM2MError for any answer that is not HTTP 2xx.
 */
export async function request(method, path, { query = {}, body, ty, originator = settings.originator, signal, keepalive } = {}) {
  const url = new URL(path.split('/').map(encodeURIComponent).join('/'), BASE);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const headers = {
    'X-M2M-Origin': originator,
    'X-M2M-RI': `console-${Date.now()}-${++requestCounter}`,
    'X-M2M-RVI': '3',
    'Accept': 'application/json',
  };
  if (settings.authorization) headers['Authorization'] = settings.authorization;
  if (body !== undefined) headers['Content-Type'] = ty ? `application/json;ty=${ty}` : 'application/json';
  // no-store: a child list carries its parent's Last-Modified, which does not change when a child comes, and the
  // browser would otherwise answer a later Retrieve from its heuristic cache.
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, keepalive,
    cache: 'no-store' });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // A container's own error page (not from the binding) is no JSON: its text is the message below.
  }
  const rsc = Number(res.headers.get('X-M2M-RSC')) || 0;
  if (!res.ok) throw new OneM2MError(rsc, res.status, json?.['m2m:dbg'] ?? (text || res.statusText));
  return { rsc, json, headers: res.headers };
}

/**
 * Where the CSE that hosts path is reached through this CSE: "~/id-mn/" for "~/id-mn/cse-mn/box" (SP-relative),
 * "_/sp/id-mn/" for an absolute path, "" for a resource of this CSE.
 */
function hostingCse(path) {
  return /^(~\/[^/]+\/|_\/[^/]+\/[^/]+\/)/.exec(path)?.[1] ?? '';
}

/**
 * A resource reference as the CSE hosting path gave it (TS-0001 7.2: CSE-relative on that CSE, or SP-relative, or
 * absolute), as a path through this CSE: "cse-mn/box" from "~/id-mn/cse-mn" is "~/id-mn/cse-mn/box".
 */
export function throughThisCse(reference, path) {
  if (reference.startsWith('//')) return `_/${reference.slice(2)}`;
  if (reference.startsWith('/')) return `~${reference}`;
  return hostingCse(path) + reference;
}

/** Whether path addresses a resource of another CSE (reached through this one). */
export function isRemote(path) {
  return hostingCse(path) !== '';
}

/** The resource's attributes (rcn=1) and its type's root element name. */
export async function retrieve(path) {
  const { json } = await request('GET', path, { query: { rcn: 1 } });
  const [root, attributes] = Object.entries(json)[0];
  return { root, attributes };
}

/**
 * The child resource references [{nm, typ, val}] of a resource (rcn=6), val as a path through this CSE. A plain Retrieve carries at most the CSE's
 * maximum result size and has no offset to continue from; when it says it is partial (X-M2M-CTS), the whole list
 * comes page by page from discovery of level 1, which does (ofst from X-M2M-CTO).
 */
export async function children(path) {
  const usable = refs => refs.map(ref => ({ ...ref, val: throughThisCse(ref.val, path) }));
  const first = await request('GET', path, { query: { rcn: 6 } });
  if (!first.headers.get('X-M2M-CTS')) return usable(first.json?.['m2m:rrl']?.rrf ?? []);
  const all = [];
  let ofst = null;
  do {
    const query = { fu: 1, lvl: 1, rcn: 6 };
    if (ofst) query.ofst = ofst;
    const page = await request('GET', path, { query });
    all.push(...(page.json?.['m2m:rrl']?.rrf ?? []));
    ofst = page.headers.get('X-M2M-CTO');
  } while (ofst);
  return usable(all);
}

// Keel serves the long names of the flexContainer specializations it knows next to the console (not a oneM2M resource).
const FLEX_NAMES = new URL('../flex-names.json', import.meta.url);
let flexNamesLoaded = null;

/**
 * {rootElement: {longName, cnd, attributes: {shortName: longName}}} for each flexContainer specialization (and its
 * announced variant, "cod:binShAnnc"); loaded once, {} when it cannot be.
 */
export function flexNames() {
  flexNamesLoaded ??= fetch(FLEX_NAMES, { cache: 'no-store' }).then(r => (r.ok ? r.json() : {})).catch(() => ({}));
  return flexNamesLoaded;
}

/** oneM2M timestamps (basic ISO 8601, UTC, e.g. 20261125T070805,606176) as Dates. */
export function parseTimestamp(ts) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:[,.](\d{1,6}))?/.exec(ts ?? '');
  if (!m) return null;
  const ms = m[7] ? Number(m[7].padEnd(6, '0').slice(0, 3)) : 0;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms));
}
