//! Stage 1: find the article in a snapshot and lay out its text.
//!
//! Produces an [`Article`]: one analysed text (a `String`), the blocks it is
//! made of (headline, paragraphs, list items, blockquotes, captions) as byte
//! ranges of that text, and a map from text back to snapshot text nodes.
//!
//! All spans here are **byte offsets** into [`Article::text`].

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
    /// `blockquote`.
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
    /// Snapshot index of the block element (for embeds: the tweet author).
    pub element: usize,
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
    /// Length in bytes.
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
    /// True when an article region was found.
    pub is_article: bool,
}

impl Article {
    /// Maps a byte offset of the analysed text to (node, byte offset in the
    /// node's text). Offsets inside synthetic separators map to the end of
    /// the preceding segment.
    pub fn locate(&self, offset: usize) -> Option<(usize, usize)> {
        let i = match self.segments.binary_search_by(|s| s.text_start.cmp(&offset)) {
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
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button",
    "select", "textarea", "svg", "iframe", "head", "title", "meta", "link", "input", "label", "menu",
];

fn block_kind(tag: &str) -> Option<BlockKind> {
    Some(match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "p" | "div" | "section" | "article" | "main" | "body" | "td" | "pre" | "dd" | "dt" => BlockKind::Paragraph,
        "li" => BlockKind::ListItem,
        "blockquote" => BlockKind::Blockquote,
        "figcaption" | "caption" => BlockKind::Caption,
        _ => return None,
    })
}

/// Finds the article region of a snapshot and lays out its text.
pub fn extract(snap: &Snapshot) -> Article {
    let nodes = &snap.nodes;
    let n = nodes.len();
    // Children lists, built iteratively (no recursion anywhere: 10,000
    // levels of nesting must not overflow the stack).
    let tag = |i: usize| nodes[i].tag.as_deref().unwrap_or("");
    let mut skipped = vec![false; n];
    for i in 0..n {
        let p = nodes[i].parent;
        let inherited = p >= 0 && skipped[p as usize];
        let own = nodes[i].tag.as_deref().is_some_and(|t| SKIP_TAGS.contains(&t))
            || nodes[i].attrs.contains_key("hidden")
            || nodes[i].attr("aria-hidden") == Some("true");
        skipped[i] = inherited || own;
    }
    // The article root: <article>, [itemprop=articleBody], <main>, else body.
    let root = (0..n)
        .find(|&i| nodes[i].attr("itemprop").is_some_and(|v| v.eq_ignore_ascii_case("articleBody")))
        .or_else(|| (0..n).find(|&i| tag(i) == "article" && !skipped[i]))
        .or_else(|| (0..n).find(|&i| tag(i) == "main" && !skipped[i]));
    let is_article = root.is_some() || (0..n).any(|i| tag(i) == "p");
    let in_root = |mut i: usize| -> bool {
        let Some(r) = root else { return true };
        loop {
            if i == r {
                return true;
            }
            let p = nodes[i].parent;
            if p < 0 {
                return false;
            }
            i = p as usize;
        }
    };
    let mut art = Article { is_article, ..Article::default() };
    let mut block_el: Option<usize> = None;
    for i in 0..n {
        let Some(t) = nodes[i].text.as_deref() else { continue };
        if skipped[i] || !in_root(i) {
            continue;
        }
        // Nearest block ancestor.
        let mut a = nodes[i].parent;
        let mut blk = None;
        while a >= 0 {
            if let Some(k) = block_kind(tag(a as usize)) {
                blk = Some((a as usize, k));
                break;
            }
            a = nodes[a as usize].parent;
        }
        let (el, kind) = blk.unwrap_or((0, BlockKind::Paragraph));
        if t.trim().is_empty() && block_el != Some(el) {
            // Whitespace between blocks: keep as-is (so .txt input is
            // reproduced exactly), belongs to no block.
            art.segments.push(Segment { text_start: art.text.len(), node: i, node_start: 0, len: t.len() });
            art.text.push_str(t);
            continue;
        }
        if block_el != Some(el) {
            if !art.text.is_empty() && !art.text.ends_with('\n') {
                art.text.push_str("\n\n");
            }
            art.blocks.push(Block { range: art.text.len()..art.text.len(), kind, element: el });
            block_el = Some(el);
        }
        art.segments.push(Segment { text_start: art.text.len(), node: i, node_start: 0, len: t.len() });
        art.text.push_str(t);
        if let Some(b) = art.blocks.last_mut() {
            b.range.end = art.text.len();
        }
    }
    read_meta(snap, &mut art);
    art
}

fn read_meta(snap: &Snapshot, art: &mut Article) {
    for (i, node) in snap.nodes.iter().enumerate() {
        match node.tag.as_deref() {
            Some("html") => {
                if let Some(l) = node.attr("lang") {
                    art.lang = l.split(['-', '_']).next().map(|s| s.to_ascii_lowercase());
                }
            }
            Some("meta") => {
                let key = node.attr("property").or(node.attr("name")).unwrap_or("");
                let val = node.attr("content").unwrap_or("");
                match key {
                    "article:published_time" | "datePublished" | "date" | "pubdate" => {
                        if art.date.is_none() {
                            art.date = Date::parse(val);
                        }
                    }
                    "og:title" if art.title.is_none() => art.title = Some(val.trim().to_string()),
                    _ => {}
                }
            }
            Some("time") if art.date.is_none() => {
                art.date = node.attr("datetime").and_then(Date::parse);
            }
            Some("h1") if art.title.is_none() => {
                let t: String = snap.nodes[i + 1..]
                    .iter()
                    .take_while(|c| c.parent >= i as i32)
                    .filter_map(|c| c.text.as_deref())
                    .collect();
                if !t.trim().is_empty() {
                    art.title = Some(t.trim().to_string());
                }
            }
            _ => {}
        }
    }
}
