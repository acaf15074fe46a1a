// @ts-check
// What the finished engine must find in each bundled sample article
// (samples/<name>.txt). Written by hand from the articles, which we wrote:
// each entry is a quotation (a distinctive piece of its text), who said it,
// and the party the badge must show (a pattern on the party's full name), or
// `null` when the speaker must get no party (not a party politician, an
// organisation, an anonymous source).
//
// tests/www/expectations.test.mjs pastes each article's text (or opens its
// .html when `input: 'html'`) and checks these against the report and the
// drawn badges.

/** @typedef {{ quote: string, speaker: string | RegExp, kind: 'person' | 'organization' | 'anonymous',
 *   party: RegExp | null }} Expectation */
/** @typedef {{ date: string, quotes: Expectation[], notQuotes: string[], anonymous: number, speakers: number, input?: 'txt' | 'html' }} Sample */

const R = /^Republican/;
const D = /^Democrat/;
const LAB = /^Labour/;
const CON = /^Conservative/;
const LD = /^Liberal Democrat/;
const REF = /^Reform/;
const REN = /^Renaissance/;
// French parties may be labelled in French or in English.
const RN = /^(Rassemblement national|National Rally)/i;
const PS = /^(Parti socialiste|Socialist Party)/i;

/** @type {Record<string, Sample>} */
export const EXPECTED = {
  politics: {
    date: '2025-09-15',
    quotes: [
      { quote: 'Farmers in Ohio need help', speaker: 'Bernie Moreno', kind: 'person', party: R },
      { quote: 'But the power of the purse', speaker: 'Bernie Moreno', kind: 'person', party: R },
      // the description "the Republican senator from Ohio" → Moreno
      { quote: 'We have been down this road before', speaker: 'Bernie Moreno', kind: 'person', party: R },
      { quote: 'Every time we let an emergency', speaker: 'Bernie Moreno', kind: 'person', party: R },
      // colon introduction in the preceding paragraph
      { quote: "I've supported help for farmers", speaker: 'Chuck Grassley', kind: 'person', party: R },
      // partial quotes inside the reporter's sentence
      { quote: 'worth a serious look', speaker: 'John Thune', kind: 'person', party: R },
      { quote: 'a lot of questions and not many answers', speaker: 'John Thune', kind: 'person', party: R },
      { quote: 'Tariffs are a tax on American families', speaker: 'Elizabeth Warren', kind: 'person', party: D },
      { quote: 'Farmers never asked for a trade war', speaker: 'Elizabeth Warren', kind: 'person', party: D },
      { quote: 'a bailout for a mess', speaker: 'Chuck Schumer', kind: 'person', party: D },
      { quote: 'left holding the bag', speaker: 'Angie Craig', kind: 'person', party: D },
      { quote: "They don't want a handout", speaker: 'Angie Craig', kind: 'person', party: D },
      { quote: 'They want their export markets back', speaker: 'Angie Craig', kind: 'person', party: D },
      // "he said" and "He continued:" → Bessent, who gets no party
      { quote: 'The revenue is there', speaker: 'Scott Bessent', kind: 'person', party: null },
      { quote: 'We are not going to make farmers wait', speaker: 'Scott Bessent', kind: 'person', party: null },
      { quote: 'Previous administrations have used', speaker: 'Scott Bessent', kind: 'person', party: null },
      { quote: 'The president has kept every promise', speaker: /White House/, kind: 'organization', party: null },
      { quote: 'Nobody in the building', speaker: /official/, kind: 'anonymous', party: null },
      { quote: 'take a look at whatever the Senate sends over', speaker: 'Mike Johnson', kind: 'person', party: R },
    ],
    notQuotes: ['Meet the Press'],
    anonymous: 1,
    // Moreno, Grassley, Thune, Warren, Schumer, Craig, Bessent, Johnson, the White House
    speakers: 9,
  },
  business: {
    date: '2025-10-22',
    quotes: [
      { quote: 'We are not walking away from Arizona', speaker: 'Dana Whitlock', kind: 'person', party: null },
      { quote: 'We are being honest', speaker: 'Dana Whitlock', kind: 'person', party: null },
      { quote: 'in constant conversation', speaker: 'Dana Whitlock', kind: 'person', party: null },
      { quote: 'Nobody should read this', speaker: 'Dana Whitlock', kind: 'person', party: null },
      { quote: 'The program worked', speaker: 'Dana Whitlock', kind: 'person', party: null },
      { quote: 'The delay itself is survivable', speaker: 'Priya Raman', kind: 'person', party: null },
      { quote: 'Two quarters ago', speaker: 'Priya Raman', kind: 'person', party: null },
      { quote: 'It clearly had not', speaker: 'Priya Raman', kind: 'person', party: null },
      { quote: "I'm disappointed, but I'm not worried", speaker: 'Katie Hobbs', kind: 'person', party: D },
      { quote: 'tariffs that tax the very tools', speaker: 'Mark Kelly', kind: 'person', party: D },
      { quote: 'Companies that build here', speaker: 'Howard Lutnick', kind: 'person', party: null },
      { quote: 'The ones that wait', speaker: 'Howard Lutnick', kind: 'person', party: null },
      { quote: 'There were people in the room', speaker: /one of them|people familiar/, kind: 'anonymous', party: null },
      { quote: 'We found out the same time', speaker: 'Luis Ortega', kind: 'person', party: null },
    ],
    notQuotes: [],
    anonymous: 1,
    // Whitlock, Raman, Hobbs, Kelly, Lutnick, Ortega
    speakers: 6,
  },
  uk: {
    date: '2025-06-10',
    quotes: [
      { quote: 'I understand why colleagues feel strongly', speaker: 'Rachel Reeves', kind: 'person', party: LAB },
      { quote: 'But every pound we spend', speaker: 'Rachel Reeves', kind: 'person', party: LAB },
      { quote: 'This is the cheapest, simplest thing', speaker: 'Clive Lewis', kind: 'person', party: LAB },
      { quote: 'If we can find money for everything else', speaker: 'Clive Lewis', kind: 'person', party: LAB },
      // the description "The Norwich South MP" → Lewis
      { quote: 'a rare bit of good news', speaker: 'Clive Lewis', kind: 'person', party: LAB },
      { quote: 'no excuse', speaker: 'Clive Lewis', kind: 'person', party: LAB },
      { quote: 'set out its plans at the spending review', speaker: 'Keir Starmer', kind: 'person', party: LAB },
      { quote: 'governing by press release', speaker: 'Kemi Badenoch', kind: 'person', party: CON },
      { quote: 'Labour promised growth', speaker: 'Kemi Badenoch', kind: 'person', party: CON },
      { quote: "Now they can't even agree", speaker: 'Kemi Badenoch', kind: 'person', party: CON },
      { quote: 'look carefully', speaker: 'Mel Stride', kind: 'person', party: CON },
      { quote: 'You cannot borrow your way', speaker: 'Mel Stride', kind: 'person', party: CON },
      { quote: 'forgotten by both the big parties', speaker: 'Ed Davey', kind: 'person', party: LD },
      { quote: 'Extend the cap, fund the routes', speaker: 'Ed Davey', kind: 'person', party: LD },
      { quote: 'a gimmick', speaker: 'Nigel Farage', kind: 'person', party: REF },
      { quote: "People don't want cheaper buses", speaker: 'Nigel Farage', kind: 'person', party: REF },
      { quote: 'costed several options', speaker: /Treasury source/, kind: 'anonymous', party: null },
      { quote: 'Nothing is off the table', speaker: /Treasury source/, kind: 'anonymous', party: null },
      { quote: 'committed to better, more reliable bus services', speaker: /Downing Street/, kind: 'organization', party: null },
      { quote: 'We need to know by the autumn', speaker: 'Sarah Penrose', kind: 'person', party: null },
    ],
    // the standfirst's 'the money is there' is a quotation without a speaker
    notQuotes: [],
    anonymous: 2,
    // Reeves, Lewis, Starmer, Badenoch, Stride, Davey, Farage, Downing Street, Penrose
    speakers: 9,
  },
  france: {
    date: '2025-05-13',
    // Opened as the HTML page, which declares lang="fr" (the engine picks
    // its French cue table by the page's language).
    input: 'html',
    quotes: [
      // "le président de la République" → Macron, named just before
      { quote: "Je n'ai jamais cru", speaker: 'Emmanuel Macron', kind: 'person', party: REN },
      { quote: 'Tout est sur la table', speaker: 'Emmanuel Macron', kind: 'person', party: REN },
      // a partial quote after the description "Le chef de l'Etat"
      { quote: 'concertation sans tabou', speaker: 'Emmanuel Macron', kind: 'person', party: REN },
      // party from the text: "(RN)", "(PS)"
      { quote: 'Le président parle de dialogue', speaker: 'Marine Le Pen', kind: 'person', party: RN },
      // "Elle a ajouté :"
      { quote: 'Les Français ne sont pas dupes', speaker: 'Marine Le Pen', kind: 'person', party: RN },
      // "Selon X, « ... »"
      { quote: 'la seule concertation utile', speaker: 'Olivier Faure', kind: 'person', party: PS },
      { quote: 'Le président veut aller vite', speaker: /conseiller/, kind: 'anonymous', party: null },
      { quote: 'recevra les partenaires sociaux', speaker: /Elysée/, kind: 'organization', party: null },
    ],
    notQuotes: [],
    anonymous: 1,
    // Macron, Le Pen, Faure, l'Elysée
    speakers: 4,
  },
};

/**
 * Checks a report (the engine's JSON) against a sample's expectations.
 * @param {any} report
 * @param {Sample} want
 * @returns {{right: number, problems: string[], found: Map<Expectation, number>}} `found`:
 *   the index in `report.quotes` of each expectation attributed right
 */
export function checkReport(report, want) {
  /** @type {string[]} */
  const problems = [];
  /** @type {Map<Expectation, number>} */
  const found = new Map();
  for (const e of want.quotes) {
    const i = report.quotes.findIndex((/** @type {any} */ q) => q.text.includes(e.quote));
    if (i < 0) {
      problems.push(`not found as a quotation: "${e.quote}"`);
      continue;
    }
    const s = report.quotes[i].speaker;
    const nameOk = typeof e.speaker === 'string' ? s.name === e.speaker : e.speaker.test(s.name);
    const partyOk = e.party === null ? !s.party : !!s.party && e.party.test(s.party.name);
    if (!nameOk || s.kind !== e.kind || !partyOk) {
      const got = `${s.name || '(nobody)'} [${s.kind}${s.party ? `, ${s.party.name}` : ''}]`;
      const exp = `${e.speaker} [${e.kind}${e.party ? `, ${e.party.source.replace(/^\^/, '')}` : ', no party'}]`;
      problems.push(`"${e.quote}": got ${got}, want ${exp}`);
      continue;
    }
    found.set(e, i);
  }
  for (const t of want.notQuotes) {
    if (report.quotes.some((/** @type {any} */ q) => q.text.trim() === t)) problems.push(`title reported as a quotation: "${t}"`);
  }
  if (report.counts.anonymous !== want.anonymous) problems.push(`anonymous: got ${report.counts.anonymous}, want ${want.anonymous}`);
  if (report.counts.speakers !== want.speakers) {
    const names = report.speakers.map((/** @type {any} */ r) => r.name).join(', ');
    problems.push(`speakers: got ${report.counts.speakers} (${names}), want ${want.speakers}`);
  }
  return { right: found.size, problems, found };
}
