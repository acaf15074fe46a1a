// @ts-check
/**
 * Every message between the parts of the extension, declared in one place
 * and named by direction: CS = content script, BG = background (service
 * worker / event page), POPUP = the popup (and the options page).
 *
 * A message is `{type, ...payload}`; the answer (the `sendResponse` value,
 * or the resolved promise) is documented beside each type.
 */

/** Content script → background. */
export const MSG_CS_TO_BG = Object.freeze({
  /** `{type, snapshot}` → `{ok: true, report} | {ok: false, error}`.
   *  Analyse the page's snapshot; the background keeps the report for the tab.
   *  `snapshot` and `report` are JSON text (the engine's `analyze_json`); an
   *  object snapshot is accepted too. */
  ANALYZE: 'cs>bg:analyze',
  /** `{type}` → `{ok: true}`. The page is not analysed (site disabled): forget its report. */
  CLEAR: 'cs>bg:clear',
});

/** Popup (or options page) → background. */
export const MSG_POPUP_TO_BG = Object.freeze({
  /** `{type, tabId}` → `{ok: true, tab: {url, host, at, ms, report} | null}` (the report parsed). */
  GET_TAB: 'popup>bg:getTab',
});

/** Popup → content script (through `tabs.sendMessage`). */
export const MSG_POPUP_TO_CS = Object.freeze({
  /** `{type, name, kind}` → `{ok, index, total}`. Scroll to the speaker's next quotation and highlight it. */
  JUMP: 'popup>cs:jump',
  /** `{type}` → `{ok, badges: [{label, before}]}`. What is drawn, in document
   *  order: each badge's accessible name and the 40 characters of page text before it. */
  DESCRIBE: 'popup>cs:describe',
});

// Background → content script: none. The keyboard shortcut and the popup's
// switches change settings in storage.sync; every content script follows
// storage.onChanged, so no message is needed.
