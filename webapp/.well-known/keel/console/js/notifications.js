// Live notifications without an HTTP server in the browser: the console registers an AE of its own with a
// pollingChannel, subscribes with nu = that AE-ID, long-polls the channel's pcu and answers each request it gets
// there with a Notify carrying m2m:rsp (TS-0004 7.4.21, 7.4.22).
import { request } from './api.js';

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const suffix = () => Math.random().toString(36).slice(2, 10);

export class Watcher {
  /**
   * list: the <ol> the notifications go into; onStatus(text) and onError(error) report progress;
   * onNotification(targetPath) runs after each notification about the watched resource.
   */
  constructor(list, onStatus, onError, onNotification) {
    Object.assign(this, { list, onStatus, onError, onNotification });
    this.ae = null;           // {aei, pcu, abort}: the console's own AE, while it exists
    this.subscription = null; // {ri, target, originator}
  }

  /** Subscribes to target (a resource path) as originator, replacing any earlier subscription. */
  async watch(rootPath, target, originator) {
    await this.unwatch();
    if (!this.ae) await this.register(rootPath);
    // The CSE verifies the new subscription through the channel before it answers, so the poll runs already.
    const { json } = await request('POST', target, { ty: 23, originator,
      body: { 'm2m:sub': { rn: `keel-console-${suffix()}`, nu: [this.ae.aei], enc: { net: [1, 2, 3, 4] } } } });
    this.subscription = { ri: json['m2m:sub'].ri, target, originator };
    this.list.replaceChildren();
    this.onStatus(`watching ${target}`);
  }

  async unwatch() {
    const sub = this.subscription;
    if (!sub) return;
    this.subscription = null;
    await request('DELETE', sub.ri, { originator: sub.originator });
    this.onStatus(`stopped watching ${sub.target}`);
  }

  /** When the page goes: remove the subscription and the AE (its channel goes with it) in requests that outlive it. */
  leave() {
    if (this.subscription) {
      request('DELETE', this.subscription.ri, { originator: this.subscription.originator, keepalive: true }).catch(() => {});
    }
    if (this.ae) {
      this.ae.abort.abort();
      request('DELETE', this.ae.aei, { originator: this.ae.aei, keepalive: true }).catch(() => {});
    }
  }

  async register(rootPath) {
    // Originator "C": the CSE assigns a fresh AE-ID, so two consoles never share (and steal from) one channel.
    const { json } = await request('POST', rootPath, { ty: 2, originator: 'C',
      body: { 'm2m:ae': { rn: `keel-console-${suffix()}`, api: 'Nkeel.console', rr: false, srv: ['3'] } } });
    const aei = json['m2m:ae'].aei;
    await request('POST', aei, { ty: 15, originator: aei, body: { 'm2m:pch': { rn: 'pch' } } });
    this.ae = { aei, pcu: `${aei}/pch/pcu`, abort: new AbortController() };
    this.poll(this.ae);
  }

  async poll(ae) {
    while (!ae.abort.signal.aborted) {
      let rqp;
      try {
        rqp = (await request('GET', ae.pcu, { originator: ae.aei, signal: ae.abort.signal })).json?.['m2m:rqp'];
      } catch (e) {
        if (ae.abort.signal.aborted) return;
        // 4008: the long poll ended with nothing queued; anything else is shown, then retried after a pause.
        if (e.rsc !== 4008) {
          this.onError(e);
          await sleep(2000);
        }
        continue;
      }
      if (!rqp) continue;
      try {
        await request('POST', ae.pcu, { originator: ae.aei, body: { 'm2m:rsp': { rsc: 2000, rqi: rqp.rqi, rvi: '3' } } });
      } catch (e) {
        this.onError(e);
      }
      this.show(rqp);
    }
  }

  show(rqp) {
    const sgn = rqp.pc?.['m2m:sgn'];
    if (!sgn || sgn.vrq) return; // the verification of our own subscription: nothing to show
    const li = document.createElement('li');
    li.className = 'notification';
    const time = new Date().toISOString().slice(11, 19);
    if (sgn.sud) {
      li.textContent = `${time} subscription deleted (${sgn.sur})`;
    } else {
      const net = sgn.nev?.net;
      li.dataset.net = net;
      const [root, resource] = Object.entries(sgn.nev?.rep ?? {})[0] ?? ['', {}];
      const what = resource.con === undefined ? '' : `con=${typeof resource.con === 'string' ? resource.con : JSON.stringify(resource.con)}`;
      li.textContent = `${time} net=${net} ${root} ${resource.rn ?? ''} ${what}`.replace(/\s+/g, ' ').trim();
    }
    this.list.prepend(li);
    if (this.subscription) this.onNotification(this.subscription.target);
  }
}
