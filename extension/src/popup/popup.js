// @ts-check
/**
 * The popup: the current tab's quotations at a glance (shared summary from
 * ui/summary.js), jump to a speaker's quotes, the per-site switch, the
 * show/hide switch, export as CSV or JSON.
 *
 * The tab is the active tab, or `?tab=<id>` (used by the browser tests,
 * which open the popup as a page). No `tabs` permission is needed: the
 * background knows each tab's URL from its content script's messages.
 */

import { MSG_POPUP_TO_BG, MSG_POPUP_TO_CS } from '../messages.js';
import { extApi, loadSettings, saveSettings, siteEnabled } from '../settings.js';
import { renderSummary } from '../ui/summary.js';
import { reportToCsv, reportToJson } from '../ui/export.js';

const api = extApi();
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const siteBox = /** @type {HTMLInputElement} */ ($('site-enabled'));
const shownBox = /** @type {HTMLInputElement} */ ($('badges-shown'));
const status = $('status');

/** @type {number} */
let tabId = -1;
/** @type {any} */
let record = null;

function say(/** @type {string} */ text) {
  status.textContent = text;
}

async function currentTabId() {
  const param = new URLSearchParams(location.search).get('tab');
  if (param) return Number(param);
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab ? tab.id : -1;
}

async function refresh() {
  const settings = await loadSettings();
  const res = await api.runtime.sendMessage({ type: MSG_POPUP_TO_BG.GET_TAB, tabId });
  record = res && res.ok ? res.tab : null;
  const host = record ? record.host : '';
  $('host').textContent = host;
  shownBox.checked = !settings.badgesHidden;
  siteBox.disabled = !host;
  siteBox.checked = !!host && siteEnabled(settings, host);
  $('site-label').textContent = host ? `On ${host}` : 'On this site';
  const summary = $('summary');
  const actions = $('actions');
  if (!record) {
    summary.replaceChildren();
    actions.hidden = true;
    say('whosaid does not run on this page.');
    return;
  }
  if (!siteBox.checked || !record.report) {
    summary.replaceChildren();
    actions.hidden = true;
    say(siteBox.checked ? 'Analysing…' : `whosaid is off on ${host}.`);
    return;
  }
  const report = record.report;
  if (!report.is_article) {
    summary.replaceChildren();
    actions.hidden = true;
    say('No article found on this page.');
    return;
  }
  say('');
  actions.hidden = false;
  renderSummary(summary, report, {
    palette: settings.palette,
    onSpeaker: async (row) => {
      try {
        const r = await api.tabs.sendMessage(tabId, { type: MSG_POPUP_TO_CS.JUMP, name: row.name, kind: row.kind });
        if (r && r.total) say(`${row.name}: quotation ${r.index + 1} of ${r.total}`);
        else say(`No badge for ${row.name} on the page.`);
      } catch {
        say('The page is not reachable; reload it.');
      }
    },
  });
}

/**
 * @param {string} text
 * @param {string} type
 * @param {string} name
 */
function download(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function fileBase() {
  return `whosaid-${(record && record.host) || 'page'}`.replace(/[^a-z0-9.-]+/gi, '_');
}

siteBox.addEventListener('change', async () => {
  if (!record || !record.host) return;
  const s = await loadSettings();
  await saveSettings({ sites: { ...s.sites, [record.host]: siteBox.checked } });
  say(siteBox.checked ? 'Analysing…' : `whosaid is off on ${record.host}.`);
});
shownBox.addEventListener('change', () => saveSettings({ badgesHidden: !shownBox.checked }));
$('export-csv').addEventListener('click', () => {
  if (record && record.report) download(reportToCsv(record.report), 'text/csv', `${fileBase()}.csv`);
});
$('export-json').addEventListener('click', () => {
  if (record && record.report) download(reportToJson(record.report, { url: record.url }), 'application/json', `${fileBase()}.json`);
});
$('open-options').addEventListener('click', () => api.runtime.openOptionsPage());

// Follow the tab's report as it arrives or changes (site switched on, more
// paragraphs loaded), and settings changed elsewhere.
api.storage.onChanged.addListener((/** @type {Record<string, unknown>} */ changes, /** @type {string} */ area) => {
  if ((area === 'session' && `tab:${tabId}` in changes) || area === 'sync') refresh();
});

(async () => {
  tabId = await currentTabId();
  await refresh();
  document.body.dataset.ready = 'true';
})();
