//! Stage 1: find the article in a snapshot and lay out its text.
//!
//! Produces an [`Article`]: one analysed text (a `String`), the blocks it is
//! made of (headline, standfirst, paragraphs, list items, blockquotes,
//! captions) as byte ranges of that text, a map from text back to snapshot
//! text nodes, and the page's title, date and language.
//!
//! All spans here are **byte offsets** into [`Article::text`].
//!
//! How the region is chosen (see `docs/reader.md` for the full rules):
//!
//! 1. Junk is marked: `script`, `style`, `nav`, `aside`, `form`s that are
//!    not the whole page, page-level `header`/`footer`, hidden elements,
//!    ARIA landmarks that are not content, and elements whose class or id
//!    says comment, related, promo, newsletter, cookie, share, social,
//!    sidebar, ad, outbrain, taboola, ... ([`HINT_PREFIXES`]).
//! 2. Every block (`p`, `li`, a `div` with its own text, ...) with enough
//!    text scores for its parent and grandparent, readability-style (text
//!    length, commas, link density); the best element wins.
//! 3. `[itemprop=articleBody]`, `<article>` and `<main>` are preferred when
//!    they hold most of that prose; otherwise the best element, climbed to
//!    the container of its sibling paragraphs.
//! 4. The headline (`h1`, or a heading that reads like the title) is kept
//!    even when it sits outside the region, with a standfirst; kickers
//!    before it, link-only blocks and ad or control labels are dropped.
//! 5. Title, date and language come from the page's metadata (and the
//!    language from the text too); `is_article` from those signals and the
//!    shape of the prose (one body of paragraphs, not a list of teasers).
//!
//! Everything is linear in the number of nodes and never recursive: every
//! pass walks the flat node list forwards (parents come before children, so
//! inherited flags are one look-up) or backwards (to sum over subtrees).
//!
//! Whitespace: outside `<pre>`, runs of whitespace become one space, blocks
//! are trimmed and separated by a blank line (`"\n\n"`), `<br>` is a line
//! break and two `<br>`s end a block. Inside `<pre>` the text is copied
//! verbatim and each line is a block. A snapshot without an `<html>` root
//! (what [`Snapshot::from_text`] builds) is a text snapshot: all of it is
//! the article and all of it is laid out as if in a `<pre>`, so the
//! analysed text of a `.txt` file is the file exactly.

use crate::kb::Date;
use crate::snapshot::Snapshot;
use std::ops::Range;

/// What kind of block a piece of text sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// `h1`–`h6`.
    Heading,
    /// `p`, `div` text and anything else that reads as a paragraph.
    Paragraph,
    /// `li`.
    ListItem,
    /// `blockquote` (every block inside one).
    Blockquote,
    /// `figcaption`, `caption`.
    Caption,
}

/// A block of the article: a byte range of [`Article::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Byte range in the analysed text.
    pub range: Range<usize>,
    /// The kind of block.
    pub kind: BlockKind,
    /// Snapshot index of the block element. For an embedded post, the
    /// embed's `blockquote`: the whole embed (post text, then the author
    /// line "— Name (@handle) date") is one block, lines separated by
    /// `"\n"`.
    pub element: usize,
    /// True for an embedded social-media post (`blockquote.twitter-tweet`,
    /// `.instagram-media`, `.tiktok-embed`, ...; see [`EMBED_CLASSES`]).
    pub embed: bool,
}

/// A run of the analysed text copied from one snapshot text node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Byte offset in the analysed text where the run starts.
    pub text_start: usize,
    /// Snapshot index of the text node.
    pub node: usize,
    /// Byte offset in the node's text where the run starts.
    pub node_start: usize,
    /// Length in bytes, the same in both texts: a run is copied byte for
    /// byte, except that a collapsed whitespace run is one space that maps
    /// to the run's first byte.
    pub len: usize,
}

/// The article as the later stages see it.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// The analysed text.
    pub text: String,
    /// Blocks in document order; they do not overlap.
    pub blocks: Vec<Block>,
    /// Text-to-snapshot map, sorted by `text_start`.
    pub segments: Vec<Segment>,
    /// The headline, if found.
    pub title: Option<String>,
    /// The publication date, if found.
    pub date: Option<Date>,
    /// The page language (`en`, `fr`, ...), lower case, primary tag only.
    pub lang: Option<String>,
    /// True when the page is an article (a region of prose was found and
    /// the page is not a list of teasers, search results or an app).
    pub is_article: bool,
}

impl Article {
    /// Maps a byte offset of the analysed text to (node, byte offset in the
    /// node's text). Offsets inside synthetic separators map to the end of
    /// the preceding segment.
    pub fn locate(&self, offset: usize) -> Option<(usize, usize)> {
        let i = match self
            .segments
            .binary_search_by(|s| s.text_start.cmp(&offset))
        {
            Ok(i) => i,
            Err(0) => return self.segments.first().map(|s| (s.node, s.node_start)),
            Err(i) => i - 1,
        };
        let s = self.segments[i];
        Some((s.node, s.node_start + (offset - s.text_start).min(s.len)))
    }

    /// The block containing a byte offset.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.range.end <= offset);
        (i < self.blocks.len() && self.blocks[i].range.start <= offset).then_some(i)
    }
}

/// Tags whose subtrees are never article text.
const JUNK_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "button", "select", "textarea",
    "svg", "iframe", "head", "title", "meta", "link", "input", "label", "menu", "object", "embed",
    "canvas", "video", "audio", "map", "dialog", "option", "math",
];

/// ARIA roles that mark non-content regions.
const JUNK_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
    "form",
];

/// Class/id words (after splitting `c-share_bar socialLinks` into `c`,
/// `share`, `bar`, `social`, `links`) that mark page furniture: a word
/// starting with one of these marks the element. See
/// [`hint_says_junk`] for the exact rule.
pub const HINT_PREFIXES: &[&str] = &[
    "comment",
    "related",
    "promo",
    "newsletter",
    "cookie",
    "consent",
    "gdpr",
    "share",
    "sharing",
    "social",
    "sidebar",
    "outbrain",
    "taboola",
    "recirc",
    "recommend",
    "subscribe",
    "subscription",
    "signup",
    "breadcrumb",
    "trending",
    "popular",
    "disqus",
    "widget",
    "sponsor",
    "advert",
    "adslot",
    "adunit",
    "adcontainer",
    "adwrapper",
    "banner",
    "modal",
    "popup",
    "overlay",
    "masthead",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "pagination",
    "pager",
    "toolbar",
    "tooltip",
    "skiplink",
    "byline",
    "author",
    "dateline",
    "timestamp",
    "newsfeed",
    "teaser",
    "nocontent",
    "print",
    "rail",
    "mostread",
    "readmore",
    "morestories",
    "nextup",
    "upnext",
    "seealso",
    "alsoread",
    "readnext",
    "tags",
    "topics",
    "keywords",
    "follow",
    "donate",
    "pullquote",
    "meter",
    "login",
    "register",
];

/// Class/id words that mark furniture only as whole words (`ad`, but not
/// `adapt`; `nav`, but not `navarro`).
const HINT_WORDS: &[&str] = &[
    "ad", "ads", "adv", "dfp", "gpt", "nav", "tools", "utility", "more",
];

/// Prefixes that must not count as furniture even though a prefix above
/// matches them (`commentary` is an article genre, `authority`, ...).
const HINT_EXCEPTIONS: &[&str] = &[
    "commentary",
    "authority",
    "authorit",
    "printable",
    "popularity",
    "bannerless",
    "meteor",
];

/// Pairs of class/id words that mark furniture together.
const HINT_PAIRS: &[(&str, &str)] = &[
    ("read", "more"),
    ("more", "stories"),
    ("most", "read"),
    ("most", "popular"),
    ("see", "also"),
    ("also", "read"),
    ("read", "next"),
    ("up", "next"),
    ("you", "may"),
    ("skip", "link"),
    ("more", "from"),
    ("more", "on"),
    ("story", "list"),
    ("in", "case"),
    ("site", "header"),
    ("site", "footer"),
    ("page", "header"),
    ("page", "footer"),
    ("global", "header"),
    ("global", "footer"),
    ("top", "bar"),
    ("sr", "only"),
    ("visually", "hidden"),
    ("screen", "reader"),
    ("pull", "quote"),
    ("off", "screen"),
    ("hidden", "text"),
];

/// Classes of `blockquote` (or `div`) elements that embed a social-media post.
pub const EMBED_CLASSES: &[&str] = &[
    "twitter-tweet",
    "twitter-video",
    "instagram-media",
    "tiktok-embed",
    "reddit-card",
    "reddit-embed-bq",
    "bluesky-embed",
    "mastodon-embed",
    "text-post-media",
    "fb-xfbml-parse-ignore",
    "fb-post",
    "threads-embed",
];

/// Whole blocks that only label an ad slot or the page's furniture.
const AD_LABELS: &[&str] = &[
    "advertisement",
    "advertisment",
    "advertising",
    "ad",
    "sponsored",
    "sponsored content",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "continue reading the main story",
    "story continues below advertisement",
    "article continues below advertisement",
    "article continues below",
    "skip advertisement",
    // Player and page controls whose text sits in the article's markup.
    "video",
    "transcript",
    "image",
    "photo",
    "caption",
    "toggle caption",
    "hide caption",
    "enlarge this image",
    "view larger image",
    "view all",
    "loading",
    "loading...",
    "close",
    "text size",
    "play / pause",
    "play",
    "pause",
    "volume",
    "media playback is unsupported on your device",
    "share",
    "print",
    "email",
    "font:",
];

/// True for a block that only labels an ad slot or a control, or is a
/// player's time code (`0:00/2:33`, `-0:00`).
fn is_ad_label(t: &str) -> bool {
    let t = t
        .trim()
        .trim_matches(|c: char| c == '-' || c == '—' || c == '–' || c.is_whitespace())
        .to_lowercase();
    let time_code = !t.is_empty()
        && t.contains(':')
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '/');
    time_code || AD_LABELS.contains(&t.as_str())
}

/// Class/id words of a standfirst (summary under the headline).
const STANDFIRST_WORDS: &[&str] = &[
    "standfirst",
    "dek",
    "subtitle",
    "subheadline",
    "subhead",
    "summary",
    "description",
    "lede",
    "strapline",
    "intro",
    "excerpt",
    "deck",
    "sapo",
    "chapo",
];

/// JSON-LD `@type`s that make a page an article.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "blogposting",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "liveblogposting",
    "report",
];

/// Minimum own text (non-space characters) for a block to count as a
/// paragraph when scoring.
const MIN_UNIT: usize = 25;

fn block_kind(tag: &str) -> Option<BlockKind> {
    Some(match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "p" | "div" | "section" | "article" | "main" | "body" | "td" | "th" | "pre" | "dd"
        | "dt" | "address" | "center" | "header" | "footer" | "figure" | "html" | "details"
        | "summary" | "fieldset" | "hgroup" => BlockKind::Paragraph,
        "li" => BlockKind::ListItem,
        "blockquote" => BlockKind::Blockquote,
        "figcaption" | "caption" => BlockKind::Caption,
        _ => return None,
    })
}

/// Splits a class or id value into lower-case words: on anything that is
/// not a letter or digit, and at lower→upper camel-case steps.
fn hint_words(value: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower && !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            cur.extend(c.to_lowercase());
        } else {
            prev_lower = false;
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// True when a class/id value marks page furniture (comments, related
/// stories, share bars, ads, newsletter and cookie banners, hidden text).
pub fn hint_says_junk(value: &str) -> bool {
    if value.len() > 500 {
        // Utility-class soup (Tailwind): no hint is reliable there.
        return false;
    }
    let words = hint_words(value);
    let word_hit = |w: &str| {
        HINT_WORDS.contains(&w)
            || (HINT_PREFIXES.iter().any(|p| w.starts_with(p))
                && !HINT_EXCEPTIONS.iter().any(|e| w.starts_with(e)))
    };
    words.iter().any(|w| word_hit(w))
        || words
            .windows(2)
            .any(|p| HINT_PAIRS.contains(&(p[0].as_str(), p[1].as_str())))
}

/// Whole class names that hide an element from readers (responsive
/// variants like `hidden-xs` or `d-none d-md-block` are not in the list:
/// those elements show on some screens).
const HIDDEN_CLASSES: &[&str] = &[
    "hidden",
    "hide",
    "is-hidden",
    "u-hidden",
    "visually-hidden",
    "visuallyhidden",
    "sr-only",
    "sr-only-focusable",
    "screen-reader-text",
    "screenreader-only",
    "offscreen",
    "element-invisible",
    "invisible",
    "a11y-hidden",
];

fn has_class(value: Option<&str>, list: &[&str]) -> bool {
    value.is_some_and(|v| {
        v.split_ascii_whitespace()
            .any(|c| list.iter().any(|l| c.eq_ignore_ascii_case(l)))
    })
}

fn hint_has_word(node: &crate::snapshot::Node, list: &[&str]) -> bool {
    [node.attr("class"), node.attr("id")]
        .into_iter()
        .flatten()
        .any(|v| hint_words(v).iter().any(|w| list.contains(&w.as_str())))
}

/// The prose a block adds: its own non-link text, when it has enough text
/// and is not mostly links.
fn unit_prose(text: usize, link: usize) -> usize {
    if text >= MIN_UNIT && link * 2 < text {
        text - link
    } else {
        0
    }
}

fn hint_has_prefix(node: &crate::snapshot::Node, prefix: &str) -> bool {
    [node.attr("class"), node.attr("id")]
        .into_iter()
        .flatten()
        .any(|v| {
            hint_words(v)
                .iter()
                .any(|w| w.starts_with(prefix) && !w.starts_with("commentary"))
        })
}

/// Non-space characters and commas of a text.
fn measure(t: &str) -> (usize, usize) {
    let mut chars = 0;
    let mut commas = 0;
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // ASCII without decoding (most of any page's text).
        let (c, len) = if b[i] < 0x80 {
            (b[i] as char, 1)
        } else {
            // OK because: `i` is on a character boundary (it moves by
            // whole characters) and below the length.
            let c = t[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        i += len;
        if !c.is_whitespace() {
            chars += 1;
            if matches!(c, ',' | '，' | '、' | '،') {
                commas += 1;
            }
        }
    }
    (chars, commas)
}

/// Per-node facts every pass shares.
struct Tree<'a> {
    snap: &'a Snapshot,
    parent: Vec<Option<usize>>,
}

impl<'a> Tree<'a> {
    fn new(snap: &'a Snapshot) -> Tree<'a> {
        // Defensive: a parent index that is not before the node is treated
        // as a root (analyze validates first; extract may be called alone).
        let parent = snap
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.parent >= 0 && (n.parent as usize) < i).then_some(n.parent as usize))
            .collect();
        Tree { snap, parent }
    }
    fn tag(&self, i: usize) -> &'a str {
        self.snap.nodes[i].tag.as_deref().unwrap_or("")
    }
    fn len(&self) -> usize {
        self.snap.nodes.len()
    }
}

/// Sums of a subtree, over the nodes that count.
#[derive(Clone, Copy, Default)]
struct Sums {
    /// Non-space characters of text.
    text: usize,
    /// ... of which inside links.
    link: usize,
    /// Prose: non-link text of paragraph units.
    prose: usize,
    /// Paragraph units with at least 80 characters of prose.
    long_units: usize,
    /// Headings (`h2`–`h4`) that are mostly a link: teaser titles.
    linked_heads: usize,
}

/// The title of a plain-text article: the first of its first three lines
/// that reads like a headline (4 to 30 words, at most 200 characters),
/// skipping a section label above it ("Politics & Government").
fn text_title(art: &Article) -> Option<String> {
    art.blocks
        .iter()
        .take(3)
        .map(|b| art.text[b.range.clone()].trim())
        .find_map(|line| {
            let words = line.split_whitespace().count();
            ((4..=30).contains(&words) && line.chars().count() <= 200).then(|| collapse(line))
        })
}

/// Teaser headlines (linked headings) for at most twice as many
/// paragraphs: a list of stories, search results.
fn list_like(s: &Sums) -> bool {
    s.linked_heads >= 4 && s.linked_heads * 2 >= s.long_units
}

/// Finds the article region of a snapshot and lays out its text.
pub fn extract(snap: &Snapshot) -> Article {
    extract_impl(snap, None)
}

/// Like [`extract`], and also describes how the region was chosen (for
/// debugging extraction on real pages: `whosaid --explain FILE`).
pub fn explain(snap: &Snapshot) -> (Article, String) {
    let mut why = String::new();
    let art = extract_impl(snap, Some(&mut why));
    (art, why)
}

fn describe(snap: &Snapshot, i: usize) -> String {
    let n = &snap.nodes[i];
    let mut s = format!("#{i} <{}", n.tag.as_deref().unwrap_or("#text"));
    for k in ["id", "class", "itemprop", "role"] {
        if let Some(v) = n.attr(k) {
            let v: String = v.chars().take(60).collect();
            s.push_str(&format!(" {k}=\"{v}\""));
        }
    }
    s.push('>');
    s
}

fn extract_impl(snap: &Snapshot, mut why: Option<&mut String>) -> Article {
    use std::fmt::Write as _;
    let tree = Tree::new(snap);
    let n = tree.len();
    let nodes = &snap.nodes;
    if n == 0 {
        return Article::default();
    }
    let is_document = (0..n).any(|i| tree.parent[i].is_none() && tree.tag(i) == "html");

    // ---- pass 1 (forward): own junk, inherited context -------------------
    let mut in_sem = vec![false; n]; // inside article/main/articleBody
    let mut junk = vec![false; n]; // own junk reason (tag, hidden, role, hidden class)
    let mut in_junk = vec![false; n]; // junk, inherited
    let mut in_link = vec![false; n];
    for i in 0..n {
        let node = &nodes[i];
        let p = tree.parent[i];
        let t = tree.tag(i);
        let sem_here = matches!(t, "article" | "main") || is_article_body(node);
        in_sem[i] = sem_here || p.is_some_and(|p| in_sem[p]);
        in_link[i] = t == "a" || p.is_some_and(|p| in_link[p]);
        if node.is_text() {
            in_junk[i] = p.is_some_and(|p| in_junk[p]);
            continue;
        }
        let inside_sem = p.is_some_and(|p| in_sem[p]);
        let own = JUNK_TAGS.contains(&t)
            || (t == "header" && !inside_sem)
            || (t == "footer")
            || node.attrs.contains_key("hidden")
            || (has_class(node.attr("class"), HIDDEN_CLASSES) && !matches!(t, "html" | "body"))
            || node
                .attr("aria-hidden")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
            || node
                .attr("role")
                .is_some_and(|r| JUNK_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()));
        junk[i] = own;
        in_junk[i] = own || p.is_some_and(|p| in_junk[p]);
    }

    // ---- blocks: nearest block element, embeds, blockquotes -------------
    let mut blk: Vec<Option<usize>> = vec![None; n];
    // The nearest block ignoring embeds: inside an embed, a change of
    // line block (the post's <p>, then the author line) is a line break.
    let mut line_blk: Vec<Option<usize>> = vec![None; n];
    let mut embed_of: Vec<Option<usize>> = vec![None; n];
    let mut in_bq = vec![false; n];
    let mut in_caption = vec![false; n];
    let mut in_pre = vec![false; n];
    for i in 0..n {
        let p = tree.parent[i];
        let t = tree.tag(i);
        let pe = p.and_then(|p| embed_of[p]);
        embed_of[i] = pe.or_else(|| {
            (!nodes[i].is_text()
                && has_class(nodes[i].attr("class"), EMBED_CLASSES)
                && matches!(t, "blockquote" | "div"))
            .then_some(i)
        });
        in_bq[i] = t == "blockquote" || p.is_some_and(|p| in_bq[p]);
        in_caption[i] = matches!(t, "figcaption" | "caption") || p.is_some_and(|p| in_caption[p]);
        // A fragment (no <html> root: plain text, www's text box) is
        // preformatted as a whole.
        in_pre[i] = matches!(t, "pre" | "listing" | "plaintext" | "xmp")
            || p.map_or(!is_document, |p| in_pre[p]);
        line_blk[i] = if block_kind(t).is_some() {
            Some(i)
        } else {
            p.and_then(|p| line_blk[p])
        };
        blk[i] = if embed_of[i].is_some() {
            embed_of[i]
        } else {
            line_blk[i]
        };
    }

    // ---- pass 2 (backward): text sums without hints, for exemptions ----
    let mut text0 = vec![0usize; n];
    let mut prose0 = vec![0usize; n];
    let mut measures = vec![(0usize, 0usize); n];
    let mut own0 = vec![(0usize, 0usize); n]; // block's own (text, link text)
    for i in 0..n {
        if let Some(t) = nodes[i].text.as_deref() {
            measures[i] = measure(t);
            if let (false, Some(b)) = (in_junk[i], blk[i]) {
                own0[b].0 += measures[i].0;
                if in_link[i] {
                    own0[b].1 += measures[i].0;
                }
            }
        }
    }
    for i in (0..n).rev() {
        if !in_junk[i] {
            if nodes[i].is_text() {
                text0[i] = measures[i].0;
            } else if block_kind(tree.tag(i)).is_some_and(|k| k != BlockKind::Heading) {
                prose0[i] += unit_prose(own0[i].0, own0[i].1);
            }
        }
        if let Some(p) = tree.parent[i] {
            text0[p] += text0[i];
            prose0[p] += prose0[i];
        }
    }
    let roots = || (0..n).filter(|&i| tree.parent[i].is_none());
    let total0 = roots().map(|i| text0[i]).sum::<usize>().max(1);
    let total_prose0 = roots().map(|i| prose0[i]).sum::<usize>().max(1);
    // Forms: ASP.NET pages wrap the whole page in one; only small forms
    // (search boxes, comment forms, newsletter sign-ups) are junk.
    // Hints: an element holding most of the page's text, or half of its
    // prose, is the page, not furniture, whatever its class says (`<div
    // class="has-sidebar">`, `<div class="entry-content-read-more">`);
    // except comments, which can outgrow the article.
    let mut skip_own = junk.clone();
    for i in 0..n {
        if nodes[i].is_text() || junk[i] {
            continue;
        }
        let t = tree.tag(i);
        let big = text0[i] * 10 >= total0 * 6;
        if t == "form" && !big {
            skip_own[i] = true;
        }
        let exempt_tag =
            matches!(t, "html" | "body" | "main" | "article" | "h1") || is_article_body(&nodes[i]);
        let hinted = nodes[i].attr("class").is_some_and(hint_says_junk)
            || nodes[i].attr("id").is_some_and(hint_says_junk);
        let comments = hint_has_prefix(&nodes[i], "comment");
        let main_prose = prose0[i] * 2 >= total_prose0 && !comments;
        if hinted && !exempt_tag && !big && !main_prose {
            skip_own[i] = true;
        }
    }
    let mut skip = vec![false; n];
    // Junk for a reason other than a page-level `header` (the headline
    // often sits in one, outside `<article>`).
    let mut junk_nh = vec![false; n];
    for i in 0..n {
        skip[i] = skip_own[i] || tree.parent[i].is_some_and(|p| skip[p]);
        junk_nh[i] =
            (junk[i] && tree.tag(i) != "header") || tree.parent[i].is_some_and(|p| junk_nh[p]);
    }

    // ---- pass 3 (backward): sums over counted nodes, unit scores --------
    // Own text of each block element (text whose nearest block it is).
    let mut own = vec![(0usize, 0usize, 0usize); n]; // (text, link text, commas)
    for i in 0..n {
        if nodes[i].is_text() && !skip[i] {
            if let Some(b) = blk[i] {
                let (c, k) = measures[i];
                own[b].0 += c;
                if in_link[i] {
                    own[b].1 += c;
                }
                own[b].2 += k;
            }
        }
    }
    let mut sums = vec![Sums::default(); n];
    let mut score = vec![0f64; n];
    for i in (0..n).rev() {
        if skip[i] {
            continue;
        }
        if nodes[i].is_text() {
            sums[i].text = measures[i].0;
            if in_link[i] {
                sums[i].link = measures[i].0;
            }
        }
        let t = tree.tag(i);
        let kind = block_kind(t);
        let (ot, ol, oc) = own[i];
        if kind.is_some_and(|k| k != BlockKind::Heading) && unit_prose(ot, ol) > 0 {
            let prose = unit_prose(ot, ol);
            sums[i].prose += prose;
            if prose >= 80 && ol * 4 < ot {
                // Text cut by <br>s only is one block: count it by length.
                sums[i].long_units += (prose / 200).max(1);
            }
            let mut s = 1.0 + oc as f64 + (ot as f64 / 100.0).min(3.0);
            if kind == Some(BlockKind::ListItem) {
                s /= 2.0;
            }
            if matches!(t, "p" | "pre" | "td" | "li" | "dd") {
                if let Some(p) = tree.parent[i] {
                    score[p] += s;
                    if let Some(g) = tree.parent[p] {
                        score[g] += s / 2.0;
                    }
                }
            } else {
                // A div or section with text of its own reads as a
                // paragraph of itself (old sites: text and <br>s).
                score[i] += s;
                if let Some(p) = tree.parent[i] {
                    score[p] += s / 2.0;
                }
            }
        }
        if matches!(t, "h2" | "h3" | "h4" | "h5" | "h6")
            && sums[i].text > 0
            && sums[i].link * 2 > sums[i].text
        {
            sums[i].linked_heads += 1;
        }
        if let Some(p) = tree.parent[i] {
            let c = sums[i];
            let s = &mut sums[p];
            s.text += c.text;
            s.link += c.link;
            s.prose += c.prose;
            s.long_units += c.long_units;
            s.linked_heads += c.linked_heads;
        }
    }

    // ---- the region -----------------------------------------------------
    let mut region: Vec<usize> = Vec::new();
    let mut strong_signal = false;
    // Prose of the best-scoring element before any climbing: an article
    // concentrates its prose in one container, a list page spreads it
    // over many small ones.
    let mut best_prose = 0;
    let mut best_list_like = false;
    if is_document {
        let link_density = |i: usize| {
            if sums[i].text == 0 {
                1.0
            } else {
                sums[i].link as f64 / sums[i].text as f64
            }
        };
        let best = (0..n)
            .filter(|&i| !skip[i] && score[i] > 0.0)
            .max_by(|&a, &b| {
                let fa = score[a] * (1.0 - link_density(a));
                let fb = score[b] * (1.0 - link_density(b));
                fa.partial_cmp(&fb)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(b.cmp(&a))
            });
        // Semantic candidates, most specific first.
        let pick = |pred: &dyn Fn(usize) -> bool| -> Option<usize> {
            (0..n)
                .filter(|&i| !skip[i] && pred(i))
                .max_by(|&a, &b| sums[a].prose.cmp(&sums[b].prose).then(b.cmp(&a)))
        };
        let body_cand = pick(&|i| is_article_body(&nodes[i]));
        let article_cand = pick(&|i| tree.tag(i) == "article");
        let main_cand = pick(&|i| tree.tag(i) == "main" || nodes[i].attr("role") == Some("main"));
        best_prose = best.map_or(0, |b| sums[b].prose);
        best_list_like = best.is_some_and(|b| list_like(&sums[b]));
        let good = |c: usize| sums[c].prose > 0 && sums[c].prose * 10 >= best_prose * 6;
        let chosen = [body_cand, article_cand, main_cand]
            .into_iter()
            .flatten()
            .find(|&c| good(c));
        if let Some(w) = why.as_deref_mut() {
            let mut ranked: Vec<usize> = (0..n).filter(|&i| !skip[i] && score[i] > 0.0).collect();
            ranked.sort_by(|&a, &b| {
                (score[b] * (1.0 - link_density(b)))
                    .partial_cmp(&(score[a] * (1.0 - link_density(a))))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            for &c in ranked.iter().take(8) {
                let _ = writeln!(
                    w,
                    "density {:8.1} ld {:.2} prose {:6} {}",
                    score[c] * (1.0 - link_density(c)),
                    link_density(c),
                    sums[c].prose,
                    describe(snap, c)
                );
            }
            for (name, c) in [
                ("articleBody", body_cand),
                ("article", article_cand),
                ("main", main_cand),
            ] {
                if let Some(c) = c {
                    let _ = writeln!(
                        w,
                        "{name:11} prose {:6} {}",
                        sums[c].prose,
                        describe(snap, c)
                    );
                }
            }
            let _ = writeln!(w, "chosen: {:?}", chosen.map(|c| describe(snap, c)));
        }
        match (chosen, best) {
            (Some(c), _) => {
                strong_signal = true;
                region.push(c);
            }
            (None, Some(mut b)) => {
                // Climb from the best element to an ancestor (a few levels
                // up) that holds clearly more prose of the same kind:
                // paragraphs each wrapped in their own <div>s score only
                // their wrappers, not the container of them all.
                for _ in 0..8 {
                    let mut a = b;
                    let mut better = None;
                    for _ in 0..6 {
                        let Some(p) = tree.parent[a] else { break };
                        if matches!(tree.tag(p), "body" | "html") {
                            break;
                        }
                        a = p;
                        if sums[a].prose * 10 >= sums[b].prose * 13 {
                            better = Some(a);
                            break;
                        }
                    }
                    // What climbing adds must read like more of the article:
                    // few links, and no teaser headlines.
                    let adds_prose = |a: usize| {
                        let (sa, sb) = (sums[a], sums[b]);
                        let text = sa.text.saturating_sub(sb.text).max(1);
                        let link = sa.link.saturating_sub(sb.link);
                        let units = sa.long_units.saturating_sub(sb.long_units);
                        let heads = sa.linked_heads.saturating_sub(sb.linked_heads);
                        units > 0 && link * 10 < text * 3 && heads * 3 <= units
                    };
                    match better {
                        Some(a) if adds_prose(a) => b = a,
                        _ => break,
                    }
                }
                region.push(b);
                // Siblings that read as more of the same article (text cut
                // into several containers around ads).
                if let Some(p) = tree.parent[b] {
                    let top = score[b];
                    for s in (p + 1..n).filter(|&s| tree.parent[s] == Some(p) && s != b && !skip[s])
                    {
                        let ld = link_density(s);
                        let unit = matches!(tree.tag(s), "p") && sums[s].prose >= 80;
                        if sums[s].prose > 0
                            && ld < 0.25
                            && (score[s] >= (0.2 * top).max(10.0) || unit)
                        {
                            region.push(s);
                        }
                    }
                    region.sort_unstable();
                }
            }
            (None, None) => {
                // No prose anywhere: lay out the body so the report still
                // shows what little text there is.
                if let Some(body) = (0..n).find(|&i| tree.tag(i) == "body") {
                    region.push(body);
                }
            }
        }
    } else {
        // A fragment (plain text, a test snapshot): all of it.
        region.extend((0..n).filter(|&i| tree.parent[i].is_none()));
    }

    // ---- meta: title, date, language, article signals -------------------
    let meta = read_meta(&tree, &skip);

    // ---- headline and standfirst outside the region ----------------------
    let mut mark = vec![false; n];
    for &r in &region {
        mark[r] = true;
    }
    let mut inside = vec![false; n];
    for i in 0..n {
        inside[i] = mark[i] || tree.parent[i].is_some_and(|p| inside[p]);
    }
    let region_start = region.first().copied().unwrap_or(0);
    let mut headline: Option<usize> =
        (0..n).find(|&i| inside[i] && !skip[i] && tree.tag(i) == "h1");
    if headline.is_none() && is_document {
        let h1s: Vec<usize> = (0..n)
            .filter(|&i| tree.tag(i) == "h1" && !junk_nh[i])
            .collect();
        let title_words = meta.title_hint.as_deref().map(word_set).unwrap_or_default();
        let fits = |i: usize| {
            let t = subtree_text(&tree, i);
            !t.trim().is_empty()
                && (title_words.is_empty() || overlap(&word_set(&t), &title_words) >= 0.5)
        };
        // At most a few candidates each way: a page of 50,000 h1s must
        // stay linear.
        headline = h1s
            .iter()
            .rev()
            .filter(|&&i| i < region_start)
            .take(8)
            .copied()
            .find(|&i| fits(i))
            .or_else(|| {
                if title_words.is_empty() {
                    None
                } else {
                    h1s.iter().take(8).copied().find(|&i| fits(i))
                }
            })
            .or_else(|| {
                // No fitting h1 (some sites spend theirs on a breadcrumb):
                // a lower heading in the region that reads like the title.
                if title_words.is_empty() {
                    return None;
                }
                (0..n)
                    .filter(|&i| inside[i] && !skip[i] && matches!(tree.tag(i), "h2" | "h3"))
                    .take(8)
                    .find(|&i| {
                        let words = word_set(&subtree_text(&tree, i));
                        overlap(&words, &title_words) >= 0.6 && overlap(&title_words, &words) >= 0.6
                    })
            });
        if let Some(h) = headline {
            mark[h] = true;
            // A standfirst between the headline and the region.
            if h < region_start {
                let end = region_start;
                let mut i = h + 1;
                while i < end {
                    let t = tree.tag(i);
                    if matches!(t, "p" | "h2" | "div")
                        && !inside[i]
                        && !junk_nh[i]
                        && hint_has_word(&nodes[i], STANDFIRST_WORDS)
                        && (1..=600).contains(&text0[i])
                    {
                        mark[i] = true;
                        i = subtree_end(&tree, i);
                        continue;
                    }
                    i += 1;
                }
            }
        }
    }
    let mut incl = vec![false; n];
    for i in 0..n {
        incl[i] = mark[i] || (tree.parent[i].is_some_and(|p| incl[p]) && !skip_own[i]);
    }

    // ---- lay out the text ----------------------------------------------
    // Under the headline (its own text is kept whatever it looks like).
    let mut under_h = vec![false; n];
    if let Some(h) = headline {
        let end = subtree_end(&tree, h);
        under_h[h..end].fill(true);
    }
    let mut lay = Layout::default();
    for i in 0..n {
        if !incl[i] {
            continue;
        }
        if is_document && nodes[i].is_text() && !under_h[i] && embed_of[i].is_none() {
            if let Some(b) = blk[i] {
                // Kickers and section labels before the headline
                // ("Europe", "Politics", a time stamp): short blocks.
                let before_headline = headline.is_some_and(|h| i < h) && own0[b].0 < 80;
                // Blocks that are (80%+) links: "related" lists and
                // teasers that carry no hint, "Next story", "Comments".
                let linky = own[b].1 * 10 >= own[b].0 * 8 && own[b].1 > 0;
                // A block that is only an ad label ("Advertisement").
                let label = own0[b].0 < 40
                    && own0[b].0 == measures[i].0
                    && is_ad_label(nodes[i].text.as_deref().unwrap_or(""));
                if before_headline || linky || label {
                    continue;
                }
            }
        }
        let node = &nodes[i];
        if node.tag.as_deref() == Some("br") {
            lay.line_break(blk[i]);
            continue;
        }
        let Some(t) = node.text.as_deref() else {
            continue;
        };
        if tree.parent[i]
            .is_some_and(|p| matches!(tree.tag(p), "script" | "style" | "noscript" | "template"))
        {
            continue;
        }
        let Some(b) = blk[i] else { continue };
        let kind = if embed_of[i].is_some() || in_bq[i] {
            BlockKind::Blockquote
        } else if in_caption[i] {
            BlockKind::Caption
        } else {
            block_kind(tree.tag(b)).unwrap_or(BlockKind::Paragraph)
        };
        let embed = embed_of[i].is_some();
        if in_pre[i] {
            // Text directly in the <pre> (or the text snapshot's root):
            // a block per line. Text in a <p> inside it: a block per <p>.
            let lines = !matches!(
                tree.tag(b),
                "p" | "li" | "blockquote" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            );
            lay.verbatim(i, t, b, kind, embed, lines);
        } else {
            lay.collapsed(i, t, b, kind, embed, line_blk[i]);
        }
    }
    let mut art = lay.finish();
    let prose = region.iter().map(|&r| sums[r].prose).sum::<usize>();
    let long_units = region.iter().map(|&r| sums[r].long_units).sum::<usize>();
    let linked_heads = region.iter().map(|&r| sums[r].linked_heads).sum::<usize>();
    // Teaser cards: outermost <article>s inside the region (a home page is
    // a list of them; an article may embed a few "related" cards).
    let (mut teaser_cards, mut cards_prose) = (0usize, 0usize);
    for &r in &region {
        let end = subtree_end(&tree, r);
        let mut j = r + 1;
        while j < end {
            if tree.tag(j) == "article" && !skip[j] {
                teaser_cards += 1;
                cards_prose += sums[j].prose;
                j = subtree_end(&tree, j);
            } else {
                j += 1;
            }
        }
    }
    art.is_article = if !is_document {
        art.text.chars().any(|c| !c.is_whitespace())
    } else {
        // Publishers mark article pages (og:type, JSON-LD NewsArticle,
        // article:published_time), and semantic markup (<article>,
        // articleBody, <main>) holding the prose says as much: such a page
        // needs a little prose, an unmarked one more. Neither may read as
        // a list of teasers.
        let cards = teaser_cards >= 4 && cards_prose * 10 >= prose * 6;
        let concentrated = best_prose * 10 >= prose * 4;
        let region_list_like = linked_heads >= 4 && linked_heads * 2 >= long_units;
        let listy = cards || (region_list_like && (!concentrated || best_list_like));
        let (min_prose, min_units) = if meta.article_signal || strong_signal {
            (400, 2)
        } else {
            (600, 3)
        };
        !listy && prose >= min_prose && long_units >= min_units
    };
    if let Some(w) = why {
        for &r in &region {
            let _ = writeln!(w, "region: {}", describe(snap, r));
        }
        let _ = writeln!(
            w,
            "headline: {:?}\nprose {prose} best_prose {best_prose} long_units {long_units} linked_heads {linked_heads} teaser_cards {teaser_cards} strong {strong_signal} meta_signal {}",
            headline.map(|h| describe(snap, h)),
            meta.article_signal
        );
    }
    art.title = headline
        .map(|h| collapse(&subtree_text(&tree, h)))
        .filter(|t| !t.is_empty())
        .or(meta.title_hint);
    if !is_document && art.title.is_none() {
        art.title = text_title(&art);
    }
    art.date = meta.date;
    art.lang = choose_lang(meta.lang, detect_lang(&art.text));
    art
}

fn is_article_body(node: &crate::snapshot::Node) -> bool {
    node.attr("itemprop").is_some_and(|v| {
        v.split_ascii_whitespace()
            .any(|w| w.eq_ignore_ascii_case("articleBody"))
    })
}

fn is_ld_json(node: &crate::snapshot::Node) -> bool {
    node.attr("type")
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
}

/// One past the last descendant of `i` (descendants are contiguous in
/// document order).
fn subtree_end(tree: &Tree, i: usize) -> usize {
    let mut j = i + 1;
    // A node is a descendant of i iff its nearest ancestor with index <= i
    // is i; parents come first, so scanning while parent >= i works.
    while j < tree.len() && tree.parent[j].is_some_and(|p| p >= i) {
        j += 1;
    }
    j
}

fn subtree_text(tree: &Tree, i: usize) -> String {
    (i + 1..subtree_end(tree, i))
        .filter_map(|j| tree.snap.nodes[j].text.as_deref())
        .collect()
}

fn collapse(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn word_set(t: &str) -> Vec<String> {
    let mut w: Vec<String> = t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    w.sort();
    w.dedup();
    w
}

/// Share of `a`'s words that are in `b` (both sorted, deduplicated).
fn overlap(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    a.iter().filter(|w| b.binary_search(w).is_ok()).count() as f64 / a.len() as f64
}

/// Builds the analysed text, the blocks and the segment map.
#[derive(Default)]
struct Layout {
    art: Article,
    /// The block element of the open block, if any.
    open: Option<usize>,
    /// A whitespace run waiting to become one space (node, node offset).
    pending_space: Option<(usize, usize)>,
    /// `<br>`s seen since the last text in the open block.
    breaks: u32,
    /// The line block of the last text (see `line_blk`).
    line: Option<usize>,
}

impl Layout {
    fn line_break(&mut self, b: Option<usize>) {
        if self.open.is_some() && self.open == b {
            self.breaks += 1;
        }
    }

    /// Starts a new block unless `b` is open; true when a block was opened.
    fn ensure_block(&mut self, b: usize, kind: BlockKind, embed: bool) {
        let same = self.open == Some(b) && (self.breaks < 2 || embed);
        if same {
            return;
        }
        let text = &mut self.art.text;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push_str("\n\n");
        }
        let at = text.len();
        self.art.blocks.push(Block {
            range: at..at,
            kind,
            element: b,
            embed,
        });
        self.open = Some(b);
        self.pending_space = None;
        self.breaks = 0;
    }

    fn push(&mut self, node: usize, node_start: usize, s: &str) {
        let text_start = self.art.text.len();
        // Extend the previous segment when it continues the same node.
        if let Some(last) = self.art.segments.last_mut() {
            if last.node == node
                && last.node_start + last.len == node_start
                && last.text_start + last.len == text_start
            {
                last.len += s.len();
                self.art.text.push_str(s);
                return;
            }
        }
        self.art.segments.push(Segment {
            text_start,
            node,
            node_start,
            len: s.len(),
        });
        self.art.text.push_str(s);
    }

    fn end_block_here(&mut self) {
        let end = self.art.text.len();
        if let Some(b) = self.art.blocks.last_mut() {
            b.range.end = end;
        }
    }

    /// Text outside `<pre>`: whitespace collapsed, blocks trimmed.
    fn collapsed(
        &mut self,
        node: usize,
        t: &str,
        b: usize,
        kind: BlockKind,
        embed: bool,
        line: Option<usize>,
    ) {
        if t.trim().is_empty() {
            // Whitespace only: at most a pending space.
        } else {
            if embed && self.open == Some(b) && self.line != line {
                self.breaks = self.breaks.max(1);
            }
            self.line = line;
        }
        let bytes = t.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if is_space(bytes[i]) {
                if self.open == Some(b) && self.pending_space.is_none() {
                    self.pending_space = Some((node, i));
                }
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && !is_space(bytes[i]) {
                i += 1;
            }
            if t[start..i].chars().all(char::is_whitespace) {
                // A run of no-break spaces (`&nbsp;` used as a spacer):
                // a space inside a block, never a block of its own.
                if self.open == Some(b) && self.pending_space.is_none() {
                    self.pending_space = Some((node, start));
                }
                continue;
            }
            self.ensure_block(b, kind, embed);
            if self.breaks > 0 {
                // A <br> (or, in an embed, several): a line break that is
                // not in any node.
                let nl = "\n".repeat(self.breaks.min(2) as usize);
                self.art.text.push_str(&nl);
                self.breaks = 0;
                self.pending_space = None;
            } else if let Some((pn, pi)) = self.pending_space.take() {
                self.push(pn, pi, " ");
            }
            // The words that follow after single spaces go in the same
            // push: the text and segment are what a push per word and
            // per space would make (the space is pending, the block open,
            // the segment continues), in far fewer steps.
            while i + 1 < bytes.len() && bytes[i] == b' ' && !is_space(bytes[i + 1]) {
                let mut j = i + 1;
                while j < bytes.len() && !is_space(bytes[j]) {
                    j += 1;
                }
                let first = bytes[i + 1];
                let spacer = if first < 0x80 { first == 0x0b } else { t[i + 1..j].chars().all(char::is_whitespace) };
                if spacer {
                    break;
                }
                i = j;
            }
            self.push(node, start, &t[start..i]);
            self.end_block_here();
        }
    }

    /// Text inside `<pre>`: copied verbatim. With `lines`, each line is a
    /// block and the line breaks belong to no block.
    fn verbatim(
        &mut self,
        node: usize,
        t: &str,
        b: usize,
        kind: BlockKind,
        embed: bool,
        lines: bool,
    ) {
        if !lines {
            if t.trim().is_empty() && self.open != Some(b) {
                // Whitespace between blocks: kept as is (so .txt input is
                // reproduced exactly), in no block.
                self.push(node, 0, t);
                return;
            }
            self.ensure_block(b, kind, embed);
            self.push(node, 0, t);
            self.end_block_here();
            return;
        }
        let mut rest = t;
        let mut off = 0;
        while !rest.is_empty() {
            let line_end = rest.find('\n').map_or(rest.len(), |e| e + 1);
            let line = &rest[..line_end];
            let content = line.trim_end_matches(['\n', '\r']);
            let lead = content.len() - content.trim_start().len();
            if content.trim().is_empty() {
                self.open = None;
                self.push(node, off, line);
            } else {
                if self.open != Some(b) {
                    self.push(node, off, &line[..lead]);
                    self.ensure_block(b, kind, embed);
                    self.push(node, off + lead, &content[lead..]);
                } else {
                    self.push(node, off, content);
                }
                self.end_block_here();
                let eol = &line[content.len()..];
                if !eol.is_empty() {
                    self.push(node, off + content.len(), eol);
                    self.open = None;
                }
            }
            off += line_end;
            rest = &rest[line_end..];
        }
    }

    fn finish(self) -> Article {
        self.art
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// What the page's metadata says.
#[derive(Default)]
struct Meta {
    title_hint: Option<String>,
    date: Option<Date>,
    lang: Option<String>,
    article_signal: bool,
}

/// Reads title, date, language and article signals from `<meta>`, JSON-LD,
/// `<time>` and `<title>`.
fn read_meta(tree: &Tree, skip: &[bool]) -> Meta {
    let nodes = &tree.snap.nodes;
    let mut m = Meta::default();
    // Dates by source, best first.
    let mut meta_pub: Option<Date> = None;
    let mut ld_pub: Option<Date> = None;
    let mut itemprop_pub: Option<Date> = None;
    let mut other_meta: Option<Date> = None;
    let mut time_in_text: Option<Date> = None;
    let mut time_any: Option<Date> = None;
    let (mut html_lang, mut http_lang, mut og_locale, mut ld_lang) = (None, None, None, None);
    let (mut og_title, mut ld_title, mut doc_title) = (None, None, None);
    let mut times = 0usize;
    for (i, node) in nodes.iter().enumerate() {
        let Some(tag) = node.tag.as_deref() else {
            continue;
        };
        if let Some(v) = node.attr("itemprop") {
            if v.split_ascii_whitespace()
                .any(|w| w.eq_ignore_ascii_case("datePublished"))
                && itemprop_pub.is_none()
            {
                itemprop_pub = node
                    .attr("content")
                    .or(node.attr("datetime"))
                    .and_then(parse_date);
            }
        }
        match tag {
            "html" if html_lang.is_none() => html_lang = node.attr("lang").and_then(primary_lang),
            "body" if html_lang.is_none() => html_lang = node.attr("lang").and_then(primary_lang),
            "meta" => {
                let key = node
                    .attr("property")
                    .or(node.attr("name"))
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                let val = node.attr("content").unwrap_or("");
                if node
                    .attr("http-equiv")
                    .is_some_and(|h| h.eq_ignore_ascii_case("content-language"))
                {
                    http_lang =
                        http_lang.or_else(|| primary_lang(val.split(',').next().unwrap_or("")));
                }
                match key.as_str() {
                    "article:published_time"
                    | "og:article:published_time"
                    | "article:published" => {
                        meta_pub = meta_pub.or_else(|| parse_date(val));
                        m.article_signal = true;
                    }
                    "datepublished"
                    | "date"
                    | "pubdate"
                    | "publishdate"
                    | "publish-date"
                    | "publish_date"
                    | "dc.date.issued"
                    | "dc.date"
                    | "dcterms.created"
                    | "dcterms.issued"
                    | "sailthru.date"
                    | "parsely-pub-date"
                    | "article.published"
                    | "original-publish-date"
                    | "og:pubdate"
                    | "displaydate"
                    | "cxenseparse:recs:publishtime"
                    | "article_date_original"
                    | "article:publicationdate"
                    | "sn-post-date"
                    | "publication_date"
                    | "publication-date"
                    | "pub_date"
                    | "published_time"
                    | "published-date"
                    | "og:published_time"
                    | "dc.date.created"
                    | "citation_publication_date"
                    | "date.release"
                    | "release_date"
                    | "datecreated" => {
                        other_meta = other_meta.or_else(|| parse_date(val));
                    }
                    "og:type" if val.trim().eq_ignore_ascii_case("article") => {
                        m.article_signal = true
                    }
                    "og:title" | "twitter:title"
                        if og_title.is_none() && !val.trim().is_empty() =>
                    {
                        og_title = Some(collapse(val));
                    }
                    "og:locale" | "dc.language" | "language" => {
                        og_locale = og_locale.or_else(|| primary_lang(val))
                    }
                    _ => {}
                }
            }
            "title" if doc_title.is_none() => {
                let t = collapse(&subtree_text(tree, i));
                if !t.is_empty() {
                    doc_title = Some(t);
                }
            }
            "time" => {
                times += 1;
                // Without `datetime`, the element's own words ("Nov. 17,
                // 2016"); only for the first few, to stay linear.
                let d = match node.attr("datetime") {
                    Some(v) => parse_date(v),
                    None if times <= 20 => {
                        let t = subtree_text(tree, i);
                        if t.len() < 100 {
                            parse_date(&t)
                        } else {
                            None
                        }
                    }
                    None => None,
                };
                if d.is_some() {
                    if time_any.is_none() {
                        time_any = d;
                    }
                    if !skip[i] && time_in_text.is_none() {
                        time_in_text = d;
                    }
                }
            }
            "script" if is_ld_json(node) => {
                let text = subtree_text(tree, i);
                let ld = read_ld_json(&text);
                ld_pub = ld_pub.or(ld.date);
                ld_lang = ld_lang.or(ld.lang);
                ld_title = ld_title.or(ld.headline);
                m.article_signal |= ld.is_article;
            }
            _ => {}
        }
    }
    m.date = meta_pub
        .or(ld_pub)
        .or(itemprop_pub)
        .or(other_meta)
        .or(time_in_text)
        .or(time_any);
    m.lang = html_lang.or(http_lang).or(og_locale).or(ld_lang);
    m.title_hint = og_title
        .or(ld_title)
        .or_else(|| doc_title.map(|t| strip_site_name(&t)));
    m
}

/// `"Headline | Site"` → `"Headline"`: the first part, unless it is a
/// word or two and a later part is longer (`"Site | Headline"`).
fn strip_site_name(t: &str) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if t.contains(sep) {
            let parts: Vec<&str> = t.split(sep).map(str::trim).collect();
            let first = parts[0];
            let longest = parts
                .iter()
                .copied()
                .max_by_key(|p| p.len())
                .unwrap_or(first);
            return if first.split_whitespace().count() <= 2 {
                longest
            } else {
                first
            }
            .to_string();
        }
    }
    t.to_string()
}

/// `en-US`, `en_US`, `EN` → `en`.
fn primary_lang(v: &str) -> Option<String> {
    let p = v.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (p.len() >= 2 && p.len() <= 3 && p.chars().all(|c| c.is_ascii_alphabetic())).then_some(p)
}

/// What a JSON-LD block says.
#[derive(Default)]
struct LdInfo {
    date: Option<Date>,
    lang: Option<String>,
    headline: Option<String>,
    is_article: bool,
}

/// Reads `datePublished`, `inLanguage`, `headline` and `@type` from a
/// JSON-LD block: a single object, an array, or an `@graph`. Articles'
/// values win over other objects'. Invalid JSON (trailing commas, HTML
/// comments) falls back to a plain search for `"datePublished"`.
fn read_ld_json(text: &str) -> LdInfo {
    let mut info = LdInfo::default();
    let cleaned = text
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim();
    let cleaned = cleaned
        .trim_start_matches("//<![CDATA[")
        .trim_end_matches("//]]>")
        .trim();
    let Ok(value) = serde_json::from_str::<serde_json::Value>(cleaned) else {
        if let Some(p) = text.find("\"datePublished\"") {
            let rest = &text[p + 15..];
            if let Some(q) = rest.find('"') {
                let v = &rest[q + 1..];
                info.date = v.find('"').and_then(|e| parse_date(&v[..e]));
            }
        }
        return info;
    };
    // Explicit stack: JSON-LD can nest (serde_json caps depth at 128).
    let mut stack = vec![&value];
    let mut other_date = None;
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Array(a) => stack.extend(a.iter().rev()),
            serde_json::Value::Object(o) => {
                let is_art = match o.get("@type") {
                    Some(serde_json::Value::String(t)) => {
                        ARTICLE_TYPES.contains(&t.to_ascii_lowercase().as_str())
                    }
                    Some(serde_json::Value::Array(ts)) => ts
                        .iter()
                        .filter_map(|t| t.as_str())
                        .any(|t| ARTICLE_TYPES.contains(&t.to_ascii_lowercase().as_str())),
                    _ => false,
                };
                let date = o
                    .get("datePublished")
                    .and_then(|d| d.as_str())
                    .and_then(parse_date);
                if is_art {
                    info.is_article = true;
                    info.date = info.date.or(date);
                    if info.headline.is_none() {
                        info.headline = o
                            .get("headline")
                            .and_then(|h| h.as_str())
                            .map(collapse)
                            .filter(|h| !h.is_empty());
                    }
                } else {
                    other_date = other_date.or(date);
                }
                if info.lang.is_none() {
                    info.lang = o
                        .get("inLanguage")
                        .and_then(|l| l.as_str())
                        .and_then(primary_lang);
                }
                for (k, child) in o {
                    if k != "@context" && (child.is_object() || child.is_array()) {
                        stack.push(child);
                    }
                }
            }
            _ => {}
        }
    }
    info.date = info.date.or(other_date);
    info
}

/// Parses a date as pages write them: ISO 8601 (`2017-07-10`,
/// `2017-07-10T09:00:00Z`), `20170710`, `2017/07/10`, `July 10, 2017`,
/// `10 July 2017`, `Mon, 10 Jul 2017 09:00:00 GMT`.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let ymd = (0..4).all(digit) && (5..7).all(digit) && (8..10).all(digit);
    if ymd && matches!(b.get(4), Some(b'-' | b'/' | b'.')) && b.get(7) == b.get(4) {
        return Date::parse(&format!("{}-{}-{}", &s[..4], &s[5..7], &s[8..10]));
    }
    if (0..8).all(digit) && !digit(8) {
        return Date::parse(&format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..8]));
    }
    // D/M/YYYY or M/D/YYYY: only when the order is certain.
    let nums: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    if let [x, y, year] = nums[..] {
        let sep_ok = s.len() >= 8 && s.as_bytes()[x.len()] == b'/' && year.len() == 4;
        if let (true, Ok(x), Ok(y)) = (sep_ok, x.parse::<u32>(), y.parse::<u32>()) {
            let (d, m) = match (x > 12, y > 12) {
                (true, false) => (x, y),
                (false, true) => (y, x),
                _ => (0, 0),
            };
            if d > 0 {
                return Date::parse(&format!("{year}-{m:02}-{d:02}"));
            }
            return None;
        }
    }
    // Month names (English, French, German, Spanish).
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(10)
        .map(str::to_lowercase)
        .collect();
    let Some((month, m)) = words
        .iter()
        .enumerate()
        .find_map(|(i, w)| month_number(w).map(|m| (i, m)))
    else {
        // `2017` or `2017-07` alone.
        return if b.len() == 4 || b.len() == 7 {
            Date::parse(s)
        } else {
            None
        };
    };
    let num = |w: &String| w.parse::<u32>().ok();
    let year = words
        .iter()
        .filter_map(num)
        .find(|&y| (1000..=9999).contains(&y))?;
    let day = words
        .get(month + 1)
        .and_then(num)
        .filter(|d| (1..=31).contains(d))
        .or_else(|| {
            month
                .checked_sub(1)
                .and_then(|p| words.get(p))
                .and_then(num)
                .filter(|d| (1..=31).contains(d))
        })?;
    Date::parse(&format!("{year:04}-{m:02}-{day:02}"))
}

/// Function words of the languages the engine has cue tables for: the
/// most frequent words of running text, rare in the others.
const LANG_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "that", "with", "for", "was", "said", "he", "it", "on",
            "have",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "des", "est", "une", "dans", "pour", "avec", "qui", "du", "au", "pas",
            "sur", "il",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "sich", "auf", "dem", "ein", "eine",
            "zu", "von",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "del", "una", "por", "para", "con", "según", "como", "pero", "fue",
            "se", "su",
        ],
    ),
];

/// Guesses the language of a text from its function words (first 20,000
/// bytes): the best language must count 20+ hits and twice the runner-up.
///
/// A word is a run of alphabetic characters; only words of at most six
/// bytes can be function words. The scan works on bytes (ASCII words are
/// lower-cased into a machine word, no string built) and looks the word up
/// in a sorted table: it runs on every page, and in the browser's baseline
/// WebAssembly code a `to_lowercase` and a linear search per word were a
/// tenth of a typical page's analysis (issue #6, enginefast).
pub fn detect_lang(text: &str) -> Option<&'static str> {
    let counts = lang_counts(text);
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(counts[k]));
    let (best, second) = (counts[order[0]], counts[order[1]]);
    (best >= 20 && best >= 2 * second).then(|| LANG_WORDS[order[0]].0)
}

/// The function words of each language of [`LANG_WORDS`] in the first
/// 20,000 bytes of `text`.
fn lang_counts(text: &str) -> [usize; 4] {
    let mut end = text.len().min(20_000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let table = lang_table();
    let mut counts = [0usize; 4];
    let t = &text[..end];
    let b = t.as_bytes();
    // One character at `i` (on a boundary, below the length): is it
    // alphabetic, and its length.
    let non_ascii = |i: usize| t[i..].chars().next().map_or((false, 1), |c| (c.is_alphabetic(), c.len_utf8()));
    let mut i = 0;
    while i < b.len() {
        // Between words.
        if b[i] < 0x80 {
            if !b[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
        } else {
            let (alpha, len) = non_ascii(i);
            if !alpha {
                i += len;
                continue;
            }
        }
        // A word: while it is ASCII, its lower-case bytes packed as it goes.
        let start = i;
        let mut ascii = true;
        let mut key = 0u64;
        while i < b.len() {
            let c = b[i];
            if c < 0x80 {
                if !c.is_ascii_alphabetic() {
                    break;
                }
                let n = i - start;
                if n < 7 {
                    key |= u64::from(c.to_ascii_lowercase()) << (8 * n);
                }
                i += 1;
            } else {
                let (alpha, len) = non_ascii(i);
                if !alpha {
                    break;
                }
                ascii = false;
                i += len;
            }
        }
        let n = i - start;
        if n <= 6 {
            let key = if ascii { Some(key | (n as u64) << 56) } else { lang_key(&t[start..i].to_lowercase()) };
            if let Some(Ok(k)) = key.map(|k| table.binary_search_by_key(&k, |&(k, _)| k)) {
                counts[table[k].1 as usize] += 1;
            }
        }
    }
    counts
}

/// A word of at most 7 bytes as one number: its bytes, and its length in
/// the top byte.
fn lang_key(w: &str) -> Option<u64> {
    (w.len() <= 7).then(|| const_lang_key(w.as_bytes()))
}

/// [`lang_key`] at compile time (`w` has at most 7 bytes).
const fn const_lang_key(w: &[u8]) -> u64 {
    let mut k = (w.len() as u64) << 56;
    let mut n = 0;
    while n < w.len() {
        k |= (w[n] as u64) << (8 * n);
        n += 1;
    }
    k
}

/// How many words [`LANG_WORDS`] holds.
const LANG_WORD_COUNT: usize = {
    let mut n = 0;
    let mut k = 0;
    while k < LANG_WORDS.len() {
        n += LANG_WORDS[k].1.len();
        k += 1;
    }
    n
};

/// [`LANG_WORDS`] as (key, language index), sorted by key; built at
/// compile time (no sort in the WebAssembly).
const LANG_TABLE: [(u64, u8); LANG_WORD_COUNT] = {
    let mut t = [(0u64, 0u8); LANG_WORD_COUNT];
    let mut n = 0;
    let mut k = 0;
    while k < LANG_WORDS.len() {
        let words = LANG_WORDS[k].1;
        let mut j = 0;
        while j < words.len() {
            assert!(words[j].len() <= 7);
            // Insertion sort.
            let e = (const_lang_key(words[j].as_bytes()), k as u8);
            let mut i = n;
            while i > 0 && t[i - 1].0 > e.0 {
                t[i] = t[i - 1];
                i -= 1;
            }
            t[i] = e;
            n += 1;
            j += 1;
        }
        k += 1;
    }
    t
};

/// [`LANG_TABLE`].
fn lang_table() -> &'static [(u64, u8)] {
    &LANG_TABLE
}

/// The page's declared language, unless the text plainly is in another
/// of the languages we read (`<html lang="en">` on a Spanish page), or
/// the detected one when none is declared.
fn choose_lang(declared: Option<String>, detected: Option<&'static str>) -> Option<String> {
    match (declared, detected) {
        (Some(d), Some(t)) if d != t && LANG_WORDS.iter().any(|(l, _)| *l == d) => {
            Some(t.to_string())
        }
        (Some(d), _) => Some(d),
        (None, t) => t.map(str::to_string),
    }
}

/// Month names and abbreviations pages write, as data.
const MONTH_NAMES: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // French
    ("janvier", 1),
    ("janv", 1),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("okt", 10),
    ("dezember", 12),
    ("dez", 12),
    // Spanish
    ("enero", 1),
    ("ene", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("ago", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("dic", 12),
];

fn month_number(word: &str) -> Option<u32> {
    MONTH_NAMES
        .iter()
        .find(|(n, _)| *n == word)
        .map(|&(_, m)| m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints() {
        for junk in [
            "share-bar",
            "c-socialLinks",
            "comments",
            "related_stories",
            "ad-slot",
            "ad",
            "newsletter-signup",
            "cookie-banner",
            "OUTBRAIN",
            "sr-only",
            "read-more",
            "sidebarLeft",
            "taboola-below",
        ] {
            assert!(hint_says_junk(junk), "{junk}");
        }
        for ok in [
            "article-body",
            "headline",
            "story-text",
            "content",
            "commentary-body",
            "entry-content",
            "paragraph",
            "loaded",
            "shadow",
            "head-line",
            "adapt",
            "navarro-profile",
            "overflow-hidden",
            "d-none d-md-block",
            "hidden-xs",
        ] {
            assert!(!hint_says_junk(ok), "{ok}");
        }
    }

    #[test]
    fn labels() {
        for l in [
            "Advertisement",
            "- Advertisement -",
            "0:00/2:33",
            "-0:00",
            "Text Size",
            "HIDE CAPTION",
        ] {
            assert!(is_ad_label(l), "{l}");
        }
        for t in [
            "Advertisement for a new bridge",
            "10:30 a.m.",
            "Video shows the crash",
            "Photographs",
        ] {
            assert!(!is_ad_label(t), "{t}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2019-11-19T08:01:00-05:00"),
            Some(Date(20191119))
        );
        assert_eq!(parse_date("20191119"), Some(Date(20191119)));
        assert_eq!(parse_date("2019/11/19 08:00"), Some(Date(20191119)));
        assert_eq!(parse_date("November 19, 2019"), Some(Date(20191119)));
        assert_eq!(
            parse_date("Tue, 19 Nov 2019 08:00:00 GMT"),
            Some(Date(20191119))
        );
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(
            parse_date("Fri Mar 13 21:30:09 EST 2015"),
            Some(Date(20150313))
        );
        assert_eq!(
            parse_date("Monday, December 29, 2014,  3:02 PM"),
            Some(Date(20141229))
        );
        assert_eq!(
            parse_date("jueves, 09 enero 2014 10:21"),
            Some(Date(20140109))
        );
        assert_eq!(parse_date("4. Mai 2020"), Some(Date(20200504)));
        assert_eq!(parse_date("27 octobre 2012"), Some(Date(20121027)));
        assert_eq!(parse_date("25/12/2019"), Some(Date(20191225)));
        assert_eq!(parse_date("12/25/2019 10:00"), Some(Date(20191225)));
        assert_eq!(parse_date("10/05/2022 05:22 pm"), None, "ambiguous");
        assert_eq!(parse_date("2019"), Some(Date(20190101)));
    }

    /// `detect_lang` as it was first written (a `to_lowercase` and a
    /// linear search per word): the byte scan must count the same.
    fn detect_lang_naive(text: &str) -> [usize; 4] {
        let mut end = text.len().min(20_000);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut counts = [0usize; 4];
        for w in text[..end].split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty() && w.len() <= 6) {
            let w = w.to_lowercase();
            for (k, (_, words)) in LANG_WORDS.iter().enumerate() {
                if words.contains(&w.as_str()) {
                    counts[k] += 1;
                }
            }
        }
        counts
    }

    #[test]
    fn language_counts_match_the_naive_scan() {
        let pieces = [
            "The ", "the", "THE", "Según", "SEGÚN", "según", " ", ",", "der", "Die", "l'est", "it", "İt", "ΣΑΣ", "e\u{301}l", "Straße",
            "über", "über-das", "1the", "the1", "x", "—", "«les»", "\n", "haveit", "avec", "pour", "zu", "ﬁ", "Ǆ", "el", "ñ", "😀the",
        ];
        let mut seed = 12345u64;
        for round in 0..400 {
            let mut t = String::new();
            for _ in 0..(round % 60) * 4 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let counts = detect_lang_naive(&t);
            let naive = {
                let mut order: Vec<usize> = (0..4).collect();
                order.sort_by_key(|&k| std::cmp::Reverse(counts[k]));
                (counts[order[0]] >= 20 && counts[order[0]] >= 2 * counts[order[1]]).then(|| LANG_WORDS[order[0]].0)
            };
            assert_eq!(detect_lang(&t), naive, "{t:?}");
            assert_eq!(lang_counts(&t), counts, "{t:?}");
        }
        // Cut inside a character at 20,000 bytes.
        let long = "é".repeat(9_999) + "the " + &"the ".repeat(30);
        assert_eq!(lang_counts(&long), detect_lang_naive(&long));
        let table = lang_table();
        assert!(table.windows(2).all(|w| w[0].0 < w[1].0), "no word in two languages");
    }

    #[test]
    fn languages() {
        let en = "The mayor said that the council will vote on the plan, and he said it was time for the city to act on it. ".repeat(3);
        let es = "El alcalde dijo que el consejo votará el plan, y que según los vecinos, fue una decisión para la ciudad con las obras del puerto. ".repeat(3);
        let fr = "Le maire a dit que le conseil est prêt pour le vote, et que les habitants sont avec lui dans une ville qui ne dort pas sur ses acquis. ".repeat(3);
        let de = "Der Bürgermeister sagte, dass die Stadt mit dem Plan nicht auf die Zustimmung von der Regierung warten will und sich eine Lösung wünscht. ".repeat(3);
        assert_eq!(detect_lang(&en), Some("en"));
        assert_eq!(detect_lang(&es), Some("es"));
        assert_eq!(detect_lang(&fr), Some("fr"));
        assert_eq!(detect_lang(&de), Some("de"));
        assert_eq!(detect_lang("Short text."), None);
        assert_eq!(
            choose_lang(Some("en".into()), Some("es")).as_deref(),
            Some("es")
        );
        assert_eq!(
            choose_lang(Some("it".into()), Some("es")).as_deref(),
            Some("it")
        );
        assert_eq!(choose_lang(None, Some("fr")).as_deref(), Some("fr"));
        assert_eq!(choose_lang(Some("de".into()), None).as_deref(), Some("de"));
    }

    #[test]
    fn ld_json_graph() {
        let ld = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","datePublished":"2001-01-01"},
            {"@type":["NewsArticle"],"datePublished":"2020-03-04T10:00:00Z","inLanguage":"en-GB","headline":"X"}]}"#;
        let info = read_ld_json(ld);
        assert_eq!(info.date, Some(Date(20200304)));
        assert_eq!(info.lang.as_deref(), Some("en"));
        assert!(info.is_article);
        let broken = r#"{"datePublished": "2018-05-06", }"#;
        assert_eq!(read_ld_json(broken).date, Some(Date(20180506)));
    }

    #[test]
    fn plain_text_is_verbatim() {
        let src = "Title\n\n  \"Hi,\"  she said.\r\n   \nSecond line\nlast";
        let art = extract(&Snapshot::from_text(src));
        assert_eq!(art.text, src);
        let blocks: Vec<&str> = art
            .blocks
            .iter()
            .map(|b| &art.text[b.range.clone()])
            .collect();
        assert_eq!(
            blocks,
            vec!["Title", "  \"Hi,\"  she said.", "Second line", "last"]
        );
        assert!(art.is_article);
    }
}
