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
// clicks on facet values are recorded here, in <html data-early>, and applied by the app
// (src/ui/explorer.rs, `Early`).
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
  // Recording (tests wait for this attribute before clicking).
  html.dataset.early = '';
  const early = (e) => {
    if (document.querySelector('[data-ready]')) {
      removeEventListener('click', early, true);
      return;
    }
    const option = e.target instanceof Element ? e.target.closest('.facet-option') : null;
    if (!option || !option.dataset.group) return;
    const record = `${option.dataset.group}\u001f${option.dataset.value ?? ''}`;
    html.dataset.early = html.dataset.early ? `${html.dataset.early}\u001e${record}` : record;
    // Shown as selected at once; the app renders it so when it starts.
    option.classList.toggle('on');
    option.setAttribute('aria-checked', option.classList.contains('on') ? 'true' : 'false');
  };
  addEventListener('click', early, true);
  // early: end

  const self = new URL(document.currentScript.src);
  const local = (name) => {
    const url = new URL(self.searchParams.get(name) ?? '', self);
    if (url.origin !== self.origin) throw new Error(`dossier: ${name} is not local`);
    return url;
  };
  (async () => {
    const { default: init } = await import(local('js').href);
    const wasm = await init({ module_or_path: local('wasm') });
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
  })();
})();
