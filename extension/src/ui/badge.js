// @ts-check
/**
 * The badge drawn after each quotation, and its tooltip. Shared by the
 * extension's content script and www/.
 *
 * A badge is a `<whosaid-badge>` host element with a *closed* shadow root:
 * page CSS cannot reach inside and our styles cannot leak out. All text is
 * inserted with `textContent`, never as HTML. The host is `display:
 * inline-block`, sized to fit inside a normal line box, so the page's text
 * and layout do not move beyond the badge's own width.
 *
 * Accessibility: the inner badge is keyboard-focusable (`tabindex=0`,
 * `role=button`) with an accessible name such as "Quote by Lindsey Graham,
 * Republican"; focus or hover opens the tooltip (`role=tooltip`, linked by
 * `aria-describedby`), Esc closes it, Enter/Space toggles it. The tooltip
 * opens *below* the badge's line, so it never covers the quotation, which
 * ends at the badge and runs to its left and above.
 */

import { NEUTRAL, partyColor, partySourceText, textColorOn } from './palette.js';

/** @typedef {import('./palette.js').PartyLabel} PartyLabel */
/** @typedef {import('./palette.js').PaletteName} PaletteName */

/**
 * The speaker of a quotation, as in the report JSON (src/report.rs).
 * @typedef {object} Speaker
 * @property {string} name
 * @property {'person' | 'organization' | 'anonymous' | 'unknown'} kind
 * @property {{text: string, start: number, end: number} | null} [mention]
 * @property {string | null} [cue]
 * @property {PartyLabel | null} [party]
 * @property {string | null} [role]
 * @property {number} confidence
 */

/**
 * A quotation, as in the report JSON (src/report.rs).
 * @typedef {object} Quote
 * @property {string} text
 * @property {number} start
 * @property {number} end
 * @property {'direct' | 'partial' | 'block' | 'embed'} kind
 * @property {{node: number, offset: number}} [anchor_start]
 * @property {{node: number, offset: number}} [anchor_end]
 * @property {Speaker} speaker
 */

/**
 * How badges look.
 * @typedef {object} BadgeOptions
 * @property {'name' | 'compact'} [style='name']  "name": short name + party;
 *   "compact": party label only (short name when there is no party).
 * @property {PaletteName} [palette='party']
 * @property {boolean} [showUnattributed=true]  Draw a muted "?" badge for
 *   quotations without a speaker (otherwise none).
 */

/** The host element's tag name. */
export const BADGE_TAG = 'whosaid-badge';

const NAME_SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv', 'v']);

/**
 * The short form of a speaker's name shown on a badge: a person's surname
 * ("Graham"), an organisation without its article ("White House"),
 * "Anonymous" for anonymous sources, "?" when unknown.
 * @param {Speaker} speaker
 * @returns {string}
 */
export function speakerShortName(speaker) {
  const name = (speaker.name || '').trim();
  switch (speaker.kind) {
    case 'person': {
      const parts = name.split(/\s+/).filter(Boolean);
      while (parts.length > 1 && NAME_SUFFIXES.has(parts[parts.length - 1].toLowerCase())) parts.pop();
      return parts[parts.length - 1] || name;
    }
    case 'organization': {
      const n = name.replace(/^the\s+/i, '');
      const s = n.charAt(0).toUpperCase() + n.slice(1);
      return s.length > 24 ? s.slice(0, 23) + '…' : s;
    }
    case 'anonymous': return 'Anonymous';
    default: return '?';
  }
}

/**
 * The accessible name of a quotation's badge: "Quote by Lindsey Graham,
 * Republican", "Quote by Steve Mnuchin, Treasury Secretary", "Quote by
 * the White House, organisation", "Unattributed quote".
 * @param {Quote} quote
 * @returns {string}
 */
export function quoteAccessibleName(quote) {
  const s = quote.speaker;
  switch (s.kind) {
    case 'person': {
      const extra = s.party ? s.party.name : s.role;
      return extra ? `Quote by ${s.name}, ${extra}` : `Quote by ${s.name}`;
    }
    case 'organization': return `Quote by ${s.name}, organisation`;
    case 'anonymous': return `Quote by ${s.name || 'an anonymous source'}, anonymous source`;
    default: return 'Unattributed quote';
  }
}

/**
 * The lines of a quotation's tooltip, as label/value pairs (plain text).
 * @param {Quote} quote
 * @returns {{title: string, lines: string[]}}
 */
export function tooltipContent(quote) {
  const s = quote.speaker;
  /** @type {string[]} */
  const lines = [];
  if (s.kind === 'unknown') {
    return { title: 'Unattributed', lines: ['No speaker was found for this quotation.'] };
  }
  if (s.kind === 'organization') lines.push('Organisation');
  if (s.kind === 'anonymous') lines.push('Anonymous source');
  if (s.role) lines.push(s.role);
  if (s.party) lines.push(`${s.party.name} (${partySourceText(s.party.source)})`);
  else if (s.kind === 'person') lines.push('No party');
  if (s.cue) lines.push(`Cue: “${s.cue}”`);
  if (s.mention && s.mention.text && s.mention.text !== s.name) lines.push(`Named as: “${s.mention.text}”`);
  lines.push(`Confidence: ${Math.round((s.confidence || 0) * 100)}%`);
  return { title: s.name || 'Unknown', lines };
}

const BADGE_CSS = `
:host{all:initial;display:inline-block;position:relative;vertical-align:baseline;margin:0 0 0 .25em;line-height:1}
.b{display:inline-flex;align-items:stretch;height:1.3em;max-height:16px;font:600 11px/1 system-ui,sans-serif;
  border-radius:3px;overflow:hidden;cursor:default;box-shadow:0 0 0 1px rgba(0,0,0,.28);background:#fff;color:#1a1a1a;white-space:nowrap;user-select:none;-webkit-user-select:none}
.b:focus{outline:none}.b:focus-visible{outline:2px solid #1a73e8;outline-offset:1px}
.n,.p{display:inline-flex;align-items:center;padding:0 4px}
.n{background:#fff;color:#1a1a1a}
.muted{background:#eee;color:#555;font-weight:500}
.flash{animation:f .5s ease-in-out 3}
@keyframes f{50%{box-shadow:0 0 0 3px #ffb000}}
.t{position:absolute;top:calc(100% + 5px);left:0;z-index:2147483647;width:max-content;max-width:280px;box-sizing:border-box;
  padding:7px 9px;border-radius:6px;background:#1f1f1f;color:#f4f4f4;font:400 12px/1.45 system-ui,sans-serif;
  box-shadow:0 4px 14px rgba(0,0,0,.35);text-align:left;white-space:normal;cursor:default}
.t[hidden]{display:none}
.t strong{display:block;font-weight:600;margin-bottom:2px}
.t span{display:block}
`;

/** @type {WeakMap<Element, {inner: HTMLElement, open: () => void, close: () => void}>} */
const BADGE_PARTS = new WeakMap();
let badgeSerial = 0;

/**
 * Creates a badge for a quotation: a `<whosaid-badge>` host element (not
 * yet in the document) with a closed shadow root. Returns null when the
 * quotation is unattributed and `showUnattributed` is false.
 * @param {Quote} quote
 * @param {BadgeOptions} [options]
 * @param {Document} [doc=document]
 * @returns {HTMLElement | null}
 */
export function createBadge(quote, options = {}, doc = document) {
  const style = options.style || 'name';
  const palette = options.palette || 'party';
  const s = quote.speaker;
  if (s.kind === 'unknown' && options.showUnattributed === false) return null;

  const host = doc.createElement(BADGE_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  const css = doc.createElement('style');
  css.textContent = BADGE_CSS;
  root.appendChild(css);

  const inner = doc.createElement('span');
  inner.className = 'b';
  inner.tabIndex = 0;
  inner.setAttribute('role', 'button');
  inner.setAttribute('aria-label', quoteAccessibleName(quote));
  inner.setAttribute('aria-expanded', 'false');

  const name = doc.createElement('span');
  name.className = 'n';
  if (s.kind === 'person' && s.party) {
    const chip = doc.createElement('span');
    chip.className = 'p';
    const bg = partyColor(s.party, palette);
    chip.style.background = bg;
    chip.style.color = textColorOn(bg);
    chip.textContent = s.party.short;
    if (style === 'name') {
      name.textContent = speakerShortName(s);
      inner.appendChild(name);
    }
    inner.appendChild(chip);
  } else {
    const neutral = NEUTRAL[s.kind] || NEUTRAL.unknown;
    name.textContent = style === 'compact' && s.kind === 'anonymous' ? 'anon' : speakerShortName(s);
    if (s.kind === 'unknown') name.classList.add('muted');
    else if (s.kind !== 'person') {
      name.style.background = neutral;
      name.style.color = textColorOn(neutral);
      name.style.fontStyle = s.kind === 'anonymous' ? 'italic' : 'normal';
    }
    inner.appendChild(name);
  }

  const tip = doc.createElement('span');
  tip.className = 't';
  tip.setAttribute('role', 'tooltip');
  tip.id = `t${++badgeSerial}`;
  tip.hidden = true;
  const content = tooltipContent(quote);
  const title = doc.createElement('strong');
  title.textContent = content.title;
  tip.appendChild(title);
  for (const line of content.lines) {
    const l = doc.createElement('span');
    l.textContent = line;
    tip.appendChild(l);
  }
  inner.setAttribute('aria-describedby', tip.id);
  root.appendChild(inner);
  root.appendChild(tip);

  const win = doc.defaultView;
  const onKey = (/** @type {KeyboardEvent} */ e) => { if (e.key === 'Escape') close(); };
  const open = () => {
    if (!tip.hidden) return;
    tip.hidden = false;
    tip.style.left = '0px';
    inner.setAttribute('aria-expanded', 'true');
    doc.addEventListener('keydown', onKey, true);
    // Keep the tooltip inside the viewport horizontally; it stays below
    // the badge's line, so shifting it left never covers the quotation.
    const r = tip.getBoundingClientRect();
    const vw = win ? win.innerWidth : 0;
    if (vw && r.right > vw - 8) tip.style.left = `${Math.min(0, vw - 8 - r.right)}px`;
  };
  const close = () => {
    if (tip.hidden) return;
    tip.hidden = true;
    inner.setAttribute('aria-expanded', 'false');
    doc.removeEventListener('keydown', onKey, true);
  };
  // Hovering the badge or its tooltip keeps it open (so its text can be
  // read and selected); leaving both closes it after a short grace period.
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let leaveTimer;
  const enter = () => { clearTimeout(leaveTimer); open(); };
  const leave = () => {
    clearTimeout(leaveTimer);
    leaveTimer = setTimeout(() => { if (root.activeElement !== inner) close(); }, 150);
  };
  for (const el of [inner, tip]) {
    el.addEventListener('mouseenter', enter);
    el.addEventListener('mouseleave', leave);
  }
  inner.addEventListener('focus', open);
  inner.addEventListener('blur', close);
  inner.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (tip.hidden) open(); else close();
    }
  });
  BADGE_PARTS.set(host, { inner, open, close });
  return host;
}

/**
 * True if a node is a badge host made by {@link createBadge}.
 * @param {Node | null | undefined} node
 * @returns {boolean}
 */
export function isBadgeHost(node) {
  return !!node && node.nodeType === 1 && BADGE_PARTS.has(/** @type {Element} */ (node));
}

/**
 * Makes a badge pulse briefly (after "jump to quote").
 * @param {Element} host a badge host from {@link createBadge}
 */
export function flashBadge(host) {
  const parts = BADGE_PARTS.get(host);
  if (!parts) return;
  parts.inner.classList.remove('flash');
  void parts.inner.offsetWidth; // restart the animation
  parts.inner.classList.add('flash');
  setTimeout(() => parts.inner.classList.remove('flash'), 1600);
}

/**
 * Opens or closes a badge's tooltip from code (tests, www's demo).
 * @param {Element} host a badge host from {@link createBadge}
 * @param {boolean} open
 */
export function setTooltipOpen(host, open) {
  const parts = BADGE_PARTS.get(host);
  if (parts) (open ? parts.open : parts.close)();
}

/**
 * The accessible name of a badge host (for tests and the popup).
 * @param {Element} host a badge host from {@link createBadge}
 * @returns {string | null}
 */
export function badgeAccessibleName(host) {
  const parts = BADGE_PARTS.get(host);
  return parts ? parts.inner.getAttribute('aria-label') : null;
}
