// @ts-check
// Regenerates samples/<name>.html from samples/<name>.txt: wraps each of our
// fictional articles in the markup of a plausible news site (header and nav,
// <article> with h1, byline, <time datetime>, paragraphs, an aside of related
// stories, a footer), so the CLI, the extension and www/ can be tried on a
// realistic page. Run: node samples/make-html.mjs
// The .txt files are the source; edit them, then run this again.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** @typedef {{ name: string, site: string, tagline: string, section: string,
 *   lang: string, datetime: string, nav: string[], related: string[],
 *   footer: string }} Site */

/** @type {Site[]} */
const SITES = [
  {
    name: 'politics',
    site: 'The Capitol Ledger',
    tagline: 'Politics, policy and power',
    section: 'Politics',
    lang: 'en-US',
    datetime: '2025-09-15T09:30:00-04:00',
    nav: ['Politics', 'Congress', 'White House', 'Elections', 'Opinion'],
    related: [
      'Farm groups split over emergency aid as harvest nears',
      'What the Commodity Credit Corporation can and cannot do',
      'Senate calendar: the fights waiting after the recess',
    ],
    footer: 'The Capitol Ledger is a fictional publication. This article was written for the whosaid project.',
  },
  {
    name: 'business',
    site: 'Desert Markets Daily',
    tagline: 'Business news from the Southwest',
    section: 'Technology',
    lang: 'en-US',
    datetime: '2025-10-22T17:05:00-07:00',
    nav: ['Markets', 'Technology', 'Real Estate', 'Energy', 'Personal Finance'],
    related: [
      'Chip subsidies, three years on: where the money went',
      'Carmakers trim orders as inventories build',
      'Arizona job growth slows in third quarter',
    ],
    footer: 'Desert Markets Daily and Corvane Systems are fictional. This article was written for the whosaid project.',
  },
  {
    name: 'uk',
    site: 'The Westminster Courier',
    tagline: 'Politics from the heart of government',
    section: 'UK politics',
    lang: 'en-GB',
    datetime: '2025-06-10T14:20:00+01:00',
    nav: ['UK politics', 'World', 'Business', 'Opinion', 'Sport'],
    related: [
      'Spending review: what to expect from the Chancellor',
      'Rural bus routes cut by a fifth in a decade',
      'PMQs verdict: Starmer and Badenoch clash on living costs',
    ],
    footer: 'The Westminster Courier is a fictional publication. This article was written for the whosaid project.',
  },
  {
    name: 'france',
    site: 'Le Courrier de Paris',
    tagline: 'Politique, économie, société',
    section: 'Politique',
    lang: 'fr-FR',
    datetime: '2025-05-13T19:45:00+02:00',
    nav: ['Politique', 'International', 'Economie', 'Société', 'Culture'],
    related: [
      'Retraites : ce que contient la réforme de 2023',
      'Mobilisation : les chiffres de la journée de lundi',
      'Assemblée nationale : le RN et la gauche face au gouvernement',
    ],
    footer: 'Le Courrier de Paris est une publication fictive. Cet article a été écrit pour le projet whosaid.',
  },
];

/** @param {string} s */
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** @param {Site} site */
function page(site) {
  const txt = readFileSync(join(here, `${site.name}.txt`), 'utf8');
  const paras = txt.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const [headline, standfirst, byline, ...body] = paras;
  const [author, date] = byline.replace(/^(By|Par) /, '').split(' | ');
  const bodyHtml = body.map((p) => `      <p>${esc(p)}</p>`).join('\n');
  const navHtml = site.nav
    .map((n, i) => `        <li><a href="#"${i === 0 ? ' aria-current="page"' : ''}>${esc(n)}</a></li>`)
    .join('\n');
  const relatedHtml = site.related.map((r) => `        <li><a href="#">${esc(r)}</a></li>`).join('\n');
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline,
    datePublished: site.datetime,
    author: { '@type': 'Person', name: author },
    publisher: { '@type': 'Organization', name: site.site },
  });
  return `<!doctype html>
<html lang="${site.lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(headline)} | ${esc(site.site)}</title>
  <meta name="description" content="${esc(standfirst).replace(/"/g, '&quot;')}">
  <meta property="og:type" content="article">
  <meta property="article:published_time" content="${site.datetime}">
  <script type="application/ld+json">${ld}</script>
  <style>
    body { font: 18px/1.6 Georgia, serif; margin: 0; color: #222; background: #fff; }
    .site-header, .site-footer { background: #f3f1ec; padding: 0.75rem 1rem; }
    .site-header .brand { font: bold 1.6rem/1.2 Georgia, serif; margin: 0; }
    .site-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; margin: 0.5rem 0 0; }
    .site-nav a { color: #333; font-family: sans-serif; font-size: 0.9rem; }
    .layout { display: flex; flex-wrap: wrap; gap: 2rem; max-width: 60rem; margin: 0 auto; padding: 1rem; }
    article { flex: 3 1 30rem; min-width: 0; }
    aside { flex: 1 1 12rem; font-family: sans-serif; font-size: 0.9rem; }
    .kicker { text-transform: uppercase; font: bold 0.8rem sans-serif; color: #8a1c1c; }
    .standfirst { font-size: 1.15rem; color: #444; }
    .byline { font: 0.85rem sans-serif; color: #555; }
  </style>
</head>
<body>
  <header class="site-header">
    <p class="brand">${esc(site.site)}</p>
    <p class="tagline">${esc(site.tagline)}</p>
    <nav class="site-nav" aria-label="${site.lang.startsWith('fr') ? 'Rubriques' : 'Sections'}">
      <ul>
${navHtml}
      </ul>
    </nav>
  </header>
  <div class="layout">
    <main id="content">
    <article class="story" itemscope itemtype="https://schema.org/NewsArticle">
      <p class="kicker">${esc(site.section)}</p>
      <h1 itemprop="headline">${esc(headline)}</h1>
      <p class="standfirst">${esc(standfirst)}</p>
      <p class="byline">${site.lang.startsWith('fr') ? 'Par' : 'By'} <span itemprop="author">${esc(author)}</span> · <time datetime="${site.datetime}" itemprop="datePublished">${esc(date)}</time></p>
      <div class="story-body" itemprop="articleBody">
${bodyHtml}
      </div>
    </article>
    </main>
    <aside class="related" aria-label="${site.lang.startsWith('fr') ? 'A lire aussi' : 'Related stories'}">
      <h2>${site.lang.startsWith('fr') ? 'A lire aussi' : 'Related stories'}</h2>
      <ul>
${relatedHtml}
      </ul>
    </aside>
  </div>
  <footer class="site-footer">
    <p>${esc(site.footer)}</p>
    <p>${site.lang.startsWith('fr') ? '<a href="#">Qui sommes-nous</a> · <a href="#">Contact</a> · <a href="#">Confidentialité</a>' : '<a href="#">About us</a> · <a href="#">Contact</a> · <a href="#">Privacy</a>'}</p>
  </footer>
</body>
</html>
`;
}

for (const site of SITES) {
  writeFileSync(join(here, `${site.name}.html`), page(site));
  console.log(`samples/${site.name}.html`);
}
