// @ts-check
/**
 * The content script's first part, at document_start: starts reading the
 * settings while the page loads, so that the main part (content.js, at
 * document_idle) finds them read instead of waiting for storage then.
 * Both parts run in the extension's own isolated world of the page, which
 * they share (the page cannot see it). A settings change before idle marks
 * the early read stale; the main part then reads them again.
 *
 * A classic script on its own (scripts/build-extension.mjs copies it as
 * content-early.js): no imports.
 */
(function whosaidEarly() {
  const g = /** @type {any} */ (globalThis);
  const api = g.browser && g.browser.runtime ? g.browser : g.chrome;
  if (g.__whosaidEarly || !api || !api.storage) return;
  const early = { settings: api.storage.sync.get(null), stale: false };
  early.settings.catch(() => {}); // the main part reads them itself then
  api.storage.onChanged.addListener((/** @type {unknown} */ _c, /** @type {string} */ area) => { if (area === 'sync') early.stale = true; });
  g.__whosaidEarly = early;
})();
