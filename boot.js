// Starts the app. Trunk's default loader is an inline <script>, which the Content-Security-Policy
// in index.html would have to allow by a hash that changes with every build; this file is
// loaded from the same origin instead (Trunk.toml's `pattern_script` names it, passing the
// hashed file names in its own URL), so the policy allows no inline script at all.
// The single-file dossier (scripts/single-file.mjs) starts the app the same way from an inline
// script, allowed by its hash: keep the two alike.
const params = new URL(import.meta.url).searchParams;
const local = (name) => {
  const url = new URL(params.get(name) ?? '', import.meta.url);
  if (url.origin !== new URL(import.meta.url).origin) throw new Error(`dossier: ${name} is not local`);
  return url;
};
const { default: init } = await import(local('js').href);
const wasm = await init({ module_or_path: local('wasm') });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
