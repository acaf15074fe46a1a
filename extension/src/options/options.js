// @ts-check
/**
 * The options page: where to run, badge style, palette, unattributed
 * badges, and the user's person → party corrections (storage.sync; the
 * background hands them to the engine's overlay). Saves on every change.
 */

import { loadSettings, saveSettings } from '../settings.js';

const form = /** @type {HTMLFormElement} */ (document.getElementById('form'));
const body = /** @type {HTMLElement} */ (document.getElementById('corrections'));
const saved = /** @type {HTMLElement} */ (document.getElementById('saved'));

/**
 * @param {string} name
 * @returns {HTMLInputElement[]}
 */
function inputs(name) {
  return /** @type {HTMLInputElement[]} */ ([...form.querySelectorAll(`input[name="${name}"]`)]);
}

/**
 * @param {{name: string, party: string}} c
 */
function addRow(c) {
  const tr = document.createElement('tr');
  const mk = (/** @type {string} */ cls, /** @type {string} */ value, /** @type {string} */ label) => {
    const td = document.createElement('td');
    const i = document.createElement('input');
    i.className = cls;
    i.value = value;
    i.setAttribute('aria-label', label);
    if (cls === 'party') i.setAttribute('list', 'parties');
    i.addEventListener('change', save);
    td.appendChild(i);
    return td;
  };
  const rm = document.createElement('button');
  rm.type = 'button';
  rm.textContent = 'Remove';
  rm.addEventListener('click', () => { tr.remove(); save(); });
  const td = document.createElement('td');
  td.appendChild(rm);
  tr.append(mk('name', c.name, 'Person'), mk('party', c.party, 'Party'), td);
  body.appendChild(tr);
  return tr;
}

async function save() {
  const mode = inputs('mode').find((i) => i.checked);
  const style = inputs('badgeStyle').find((i) => i.checked);
  const corrections = [...body.querySelectorAll('tr')].map((tr) => ({
    name: /** @type {HTMLInputElement} */ (tr.querySelector('.name')).value.trim(),
    party: /** @type {HTMLInputElement} */ (tr.querySelector('.party')).value.trim(),
  })).filter((c) => c.name);
  await saveSettings({
    mode: mode && mode.value === 'enabled' ? 'enabled' : 'all',
    badgeStyle: style && style.value === 'compact' ? 'compact' : 'name',
    palette: inputs('cb')[0].checked ? 'cb' : 'party',
    showUnattributed: inputs('showUnattributed')[0].checked,
    keepWarm: inputs('keepWarm')[0].checked,
    corrections,
  });
  saved.textContent = 'Saved.';
}

(async () => {
  const s = await loadSettings();
  for (const i of inputs('mode')) i.checked = i.value === s.mode;
  for (const i of inputs('badgeStyle')) i.checked = i.value === s.badgeStyle;
  inputs('cb')[0].checked = s.palette === 'cb';
  inputs('showUnattributed')[0].checked = s.showUnattributed;
  inputs('keepWarm')[0].checked = s.keepWarm;
  for (const c of s.corrections) addRow(c);
  form.addEventListener('change', (e) => {
    if (!(e.target instanceof HTMLInputElement) || e.target.closest('#corrections')) return;
    save();
  });
  /** @type {HTMLElement} */ (document.getElementById('add')).addEventListener('click', () => {
    const tr = addRow({ name: '', party: '' });
    /** @type {HTMLInputElement} */ (tr.querySelector('input')).focus();
  });
  document.body.dataset.ready = 'true';
})();
