// @ts-check
/**
 * Party colours and palettes, shared by the extension (badges, popup) and
 * www/. Pure functions, no DOM.
 *
 * Two palettes:
 * - `party`: the party's own colour as the report gives it
 *   (`speaker.party.color`, from the knowledge base).
 * - `cb`: a colour-blind-safe palette (Okabe & Ito, 2008), keyed by the
 *   party's short label, so that the two big parties of a country never
 *   share a hue that red-green colour blindness confuses.
 *
 * Every exported function is also part of the content script, which is
 * built by concatenating these files (see scripts/build-extension.mjs), so
 * top-level names must be unique across extension/src/ui/ and content/.
 */

/** @typedef {'party' | 'cb'} PaletteName */

/**
 * @typedef {object} PartyLabel
 * @property {string} short  Short label: "R", "D", "Lab".
 * @property {string} name   Full name: "Republican".
 * @property {string} color  CSS colour `#rrggbb`.
 * @property {'text' | 'kb' | 'user'} source  Where the label came from.
 */

/** Okabe–Ito colours, safe for the common forms of colour blindness. */
export const OKABE_ITO = Object.freeze({
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  grey: '#6B6B6B',
});

/** Colour-blind-safe colour per party short label (US, UK and common others). */
const CB_BY_SHORT = Object.freeze({
  R: OKABE_ITO.vermillion,
  D: OKABE_ITO.blue,
  I: OKABE_ITO.grey,
  Con: OKABE_ITO.skyBlue,
  Lab: OKABE_ITO.vermillion,
  LD: OKABE_ITO.orange,
  SNP: OKABE_ITO.yellow,
  Grn: OKABE_ITO.green,
  Green: OKABE_ITO.green,
  Reform: OKABE_ITO.purple,
});

const CB_CYCLE = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.green, OKABE_ITO.orange, OKABE_ITO.purple, OKABE_ITO.skyBlue, OKABE_ITO.yellow];

/** Neutral colours for speakers without a party. */
export const NEUTRAL = Object.freeze({
  /** A person with no party (appointed official, citizen). */
  person: '#4A5568',
  /** An organisation ("the White House"). */
  organization: '#5B4B8A',
  /** An anonymous source ("a senior official"). */
  anonymous: '#6B6B6B',
  /** No speaker found. */
  unknown: '#8A8A8A',
});

/**
 * The colour to draw a party in.
 * @param {PartyLabel | null | undefined} party
 * @param {PaletteName} [palette='party']
 * @returns {string} a CSS colour
 */
export function partyColor(party, palette = 'party') {
  if (!party) return NEUTRAL.person;
  if (palette === 'cb') {
    const known = /** @type {Record<string, string>} */ (CB_BY_SHORT)[party.short];
    if (known) return known;
    let h = 0;
    for (const c of party.name || party.short) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    return CB_CYCLE[h % CB_CYCLE.length];
  }
  return /^#[0-9a-fA-F]{6}$/.test(party.color) ? party.color : NEUTRAL.person;
}

/**
 * Black or white, whichever reads better on a background colour (WCAG
 * relative luminance).
 * @param {string} bg `#rrggbb`
 * @returns {'#000000' | '#ffffff'}
 */
export function textColorOn(bg) {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(bg);
  if (!m) return '#ffffff';
  const lin = (/** @type {string} */ h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(m[1]) + 0.7152 * lin(m[2]) + 0.0722 * lin(m[3]);
  // Contrast with white is (1.05)/(l+0.05); with black (l+0.05)/0.05.
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}

/**
 * Human words for where a party label came from.
 * @param {PartyLabel['source']} source
 * @returns {string}
 */
export function partySourceText(source) {
  switch (source) {
    case 'text': return 'from the article';
    case 'kb': return 'from knowledge base';
    case 'user': return 'your correction';
    default: return '';
  }
}
