// Starts the app. Trunk's default loader is an inline <script>, which the Content-Security-Policy
// in index.html would have to allow by a hash that changes with every build; this file is
// loaded from the same origin instead (Trunk.toml's `pattern_script` names it, passing the
// hashed file names in its own URL), so the policy allows no inline script at all.
//
// It is a classic script in <head>, run before the body is parsed: the page opens with the
// prerendered default view, and a URL fragment names another one (a query, filters, an open
// article), so with a fragment the view's lists stay hidden (`html.fragment`, style.css) until
// the app has applied it, rather than showing the wrong results first.
//
// Until the app runs, links in the view work on their own (they change the URL fragment, which
// the app reads when it starts) and so does typing into its search box (the app reads the box);
// what the other controls were set to (facet values and tags clicked, the sort order, exact
// matching, a span of the timeline) is recorded here, in <html data-early>, and applied by the
// app (src/ui/explorer.rs, `Early`); buttons with no state of their own ("more", the export) are
// clicked again once the app is ready, and files chosen for import handed to it; the focus
// stays where the reader moved it. A fragment's query shows in the search box meanwhile. The
// view's form controls, and a sharded build's preloads, are put in place by this script (below).
//
// The single-file dossier (scripts/single-file.mjs) runs the part between the `early` markers
// as it is, inline, before starting the app its own way.
(() => {
  // early: begin
  const html = document.documentElement;
  // Script runs: the prerendered view may say search is starting (style.css hides that line
  // without JavaScript).
  html.classList.add('js');
  if (location.hash.length > 1) html.classList.add('fragment');
  const ready = () => !!document.querySelector('[data-ready]');

  // What the controls were set to, in order, on <html data-early> as `kind US value` joined by
  // RS: a facet value or a result's tag clicked (`tag`, `source`, ...: toggles it), the sort
  // order (`sort`), exact matching (`exact`: 1 or 0), a timeline span clicked or dragged
  // (`date`: START..END). The app applies them as if done after it started. The attribute
  // exists while recording (tests wait for it before clicking).
  html.dataset.early = '';
  const push = (kind, value) => {
    const record = `${kind}\u001f${value}`;
    html.dataset.early = html.dataset.early ? `${html.dataset.early}\u001e${record}` : record;
  };
  // Done again once the app runs: buttons without a state of their own ("more", export) are
  // clicked, files chosen for import (the picker opens without the app) are handed to it.
  const replays = [];
  // Where an element is under #root, as indexes of element children: the app hydrates most of
  // the view into a copy of its markup and swaps the copy in (src/ui/turns.rs), so a button
  // clicked meanwhile is found again at the same place.
  const root = () => document.getElementById('root');
  const placeOf = (el) => {
    const place = [];
    for (let e = el; e && e !== root() && e.parentElement; e = e.parentElement) {
      place.unshift(Array.prototype.indexOf.call(e.parentElement.children, e));
    }
    return place;
  };
  const at = (place) => place.reduce((e, i) => e?.children[i], root());
  let dragFrom = null;
  const buckets = (a, b) => {
    const [lo, hi] = Number(a.dataset.i) <= Number(b.dataset.i) ? [a, b] : [b, a];
    for (const el of document.querySelectorAll('.bucket')) {
      const i = Number(el.dataset.i);
      el.classList.toggle('selected', i >= Number(lo.dataset.i) && i <= Number(hi.dataset.i));
    }
    push('date', `${lo.dataset.start}..${hi.dataset.end}`);
  };
  const record = (e) => {
    if (ready()) return;
    const t = e.target instanceof Element ? e.target : null;
    if (!t || !t.closest('#root') || t.closest('a, #q')) return;
    const bucket = t.closest('.bucket');
    if (e.type === 'change') {
      if (t instanceof HTMLInputElement && t.type === 'file') {
        replays.push(() => t.files?.length && t.dispatchEvent(new Event('change', { bubbles: true })));
      } else if (t.matches('[data-testid=exact-toggle]')) push('exact', t.checked ? '1' : '0');
      else if (t.matches('[data-testid=sort-select]')) push('sort', t.value);
    } else if (bucket) {
      if (e.type === 'mousedown') dragFrom = bucket;
      else if (e.type === 'mouseup' && dragFrom) buckets(dragFrom, bucket);
      else if (e.type === 'keydown' && (e.key === 'Enter' || e.key === ' ')) buckets(bucket, bucket);
      if (e.type !== 'click') e.preventDefault();
    } else if (e.type === 'click') {
      const option = t.closest('.facet-option, .tag');
      if (option?.dataset.group) {
        push(option.dataset.group, option.dataset.value ?? '');
        // A facet value shows as selected at once; the app renders it so when it starts.
        if (option.classList.contains('facet-option')) {
          option.classList.toggle('on');
          option.setAttribute('aria-checked', option.classList.contains('on') ? 'true' : 'false');
        }
        return;
      }
      const button = t.closest('button');
      if (button && !button.disabled) {
        const place = placeOf(button);
        replays.push(() => {
          const now = button.isConnected ? button : at(place);
          if (now instanceof HTMLButtonElement && now.dataset.testid === button.dataset.testid) now.click();
        });
      }
    }
    if (e.type === 'mouseup') dragFrom = null;
  };
  const types = ['click', 'change', 'mousedown', 'mouseup', 'keydown'];
  for (const type of types) addEventListener(type, record, true);
  // Where the focus went in the view (a reader tabbing into the list while the page starts):
  // an element of a part hydrated into a copy is replaced when the copy is swapped in, and
  // the focus would fall back to the page; it is put on the element at the same place then.
  let focused = null;
  const onFocus = (e) => {
    const t = e.target instanceof Element ? e.target : null;
    if (!ready() && t?.closest('#root') && t.id !== 'q') focused = { el: t, place: placeOf(t) };
  };
  addEventListener('focusin', onFocus, true);
  const refocus = () => {
    removeEventListener('focusin', onFocus, true);
    const active = document.activeElement;
    if (!focused || focused.el.isConnected || (active && active !== document.body)) return;
    const now = at(focused.place);
    if (now?.localName === focused.el.localName && now.dataset.testid === focused.el.dataset.testid) now.focus();
  };

  // The view's form controls (search box, switch, sort menu) come inside <template data-late>
  // (src/ui/prerender.rs, `defer_controls`): a parsed page holding a form control is laid out
  // whole inside the parser's last task, one long task. They are put in place once the body
  // is parsed, before the app hydrates the view (it starts after this, below); the box's
  // `autofocus` takes effect then.
  //
  // A sharded collection's files the view read (the catalogue, the snippets' texts) are
  // preloaded, from a <template data-preload> in <head> (src/ui/prerender.rs), once the view
  // has painted: their data, megabytes, arriving while the page was parsed and first laid out
  // delayed its first paint. `preloading` settles then; the app starts after it, so it finds
  // the links (src/ui/shards.rs, `preloaded`) and does not fetch the files twice.
  let preloaded;
  const preloading = new Promise((ok) => (preloaded = ok));
  const late = () => {
    for (const t of document.querySelectorAll('template[data-late]')) t.replaceWith(t.content);
    const preloads = document.querySelector('template[data-preload]');
    if (!preloads) return preloaded();
    let done = false;
    const open = () => {
      if (done) return;
      done = true;
      preloads.replaceWith(preloads.content);
      preloaded();
    };
    // After the next frame; in a hidden tab, which draws no frames, after 200 ms.
    requestAnimationFrame(() => setTimeout(open, 0));
    setTimeout(open, 200);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', late, { once: true });
  else late();

  // A fragment's query, shown in the box as soon as it is parsed (the app searches it when it
  // starts, and tells it from typed text by `data-fragment`).
  const fragmentQuery = () => {
    for (const pair of location.hash.slice(1).split('&')) {
      const [k, v = ''] = pair.split('=');
      if (k !== 'q') continue;
      try {
        return decodeURIComponent(v.replace(/\+/g, ' '));
      } catch {
        return null;
      }
    }
    return null;
  };
  let boxSeen = false;
  const watch = new MutationObserver(() => {
    const box = boxSeen ? null : document.getElementById('q');
    if (box) {
      boxSeen = true;
      const q = fragmentQuery();
      if (q && !box.value) {
        box.value = q;
        box.dataset.fragment = q;
      }
    }
    if (!ready()) return;
    watch.disconnect();
    for (const type of types) removeEventListener(type, record, true);
    refocus();
    for (const replay of replays) replay();
    // Tests wait for this.
    html.dataset.replayed = '';
  });
  watch.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
  // early: end

  const self = new URL(document.currentScript.src);
  const local = (name) => {
    const url = new URL(self.searchParams.get(name) ?? '', self);
    if (url.origin !== self.origin) throw new Error(`dossier: ${name} is not local`);
    return url;
  };
  (async () => {
    const { default: init } = await import(local('js').href);
    // The view has its controls, and the files it read are preloading (`late`, above), before
    // the app hydrates it.
    await preloading;
    const wasm = await init({ module_or_path: local('wasm') });
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
  })();
})();
