// The resource tree: one node per resource, its children fetched only when it is expanded.
import { children, TYPE_NAMES } from './api.js';

// Types that Keel never gives children: they get no expand toggle.
const LEAVES = new Set([4, 17, 23, 10004]);

export class Tree {
  /** onSelect(path, ty) runs when a resource name is clicked; onError(error) when a child list fails. */
  constructor(list, onSelect, onError) {
    this.list = list;
    this.onSelect = onSelect;
    this.onError = onError;
  }

  show(rootPath) {
    this.list.replaceChildren(this.node({ nm: rootPath, typ: 5, val: rootPath }));
  }

  node(ref) {
    const li = document.createElement('li');
    li.dataset.path = ref.val;
    li.dataset.ty = ref.typ;
    if (!LEAVES.has(ref.typ)) {
      const toggle = document.createElement('button');
      toggle.type = 'button';
      toggle.className = 'toggle';
      toggle.textContent = '▸';
      toggle.setAttribute('aria-expanded', 'false');
      toggle.addEventListener('click', () => this.toggle(li));
      li.append(toggle);
    }
    const name = document.createElement('button');
    name.type = 'button';
    name.className = 'name';
    name.append(ref.nm, ' ');
    const ty = document.createElement('span');
    ty.className = 'ty';
    ty.textContent = TYPE_NAMES[ref.typ] ?? `ty ${ref.typ}`;
    name.append(ty);
    name.addEventListener('click', () => this.select(li));
    li.append(name);
    return li;
  }

  find(path) {
    return this.list.querySelector(`li[data-path="${CSS.escape(path)}"]`);
  }

  select(li) {
    this.list.querySelectorAll('.name.selected').forEach(n => n.classList.remove('selected'));
    li.querySelector(':scope > .name').classList.add('selected');
    this.onSelect(li.dataset.path, Number(li.dataset.ty));
  }

  async toggle(li) {
    const toggle = li.querySelector(':scope > .toggle');
    if (toggle.getAttribute('aria-expanded') === 'true') {
      li.querySelector(':scope > ul')?.remove();
      toggle.setAttribute('aria-expanded', 'false');
      toggle.textContent = '▸';
      return;
    }
    toggle.setAttribute('aria-expanded', 'true');
    toggle.textContent = '▾';
    await this.load(li);
  }

  /** Fetches the node's children anew, if it is expanded. */
  async refresh(path) {
    const li = this.find(path);
    if (li?.querySelector(':scope > .toggle')?.getAttribute('aria-expanded') === 'true') await this.load(li);
  }

  async load(li) {
    const list = document.createElement('ul');
    try {
      const refs = await children(li.dataset.path);
      if (refs.length === 0) {
        const empty = document.createElement('li');
        empty.className = 'empty';
        empty.textContent = 'no children';
        list.append(empty);
      }
      for (const ref of refs) list.append(this.node(ref));
    } catch (e) {
      this.onError(e);
    }
    li.querySelector(':scope > ul')?.remove();
    li.append(list);
  }
}
