//! The native HTML reader: bytes of an HTML document → the same [`Snapshot`]
//! the content script builds from a live page. Native only (the browser has
//! its own DOM and its own decoder).
//!
//! Two steps:
//!
//! 1. [`decode`]: bytes → text. A byte-order mark wins; then the charset the
//!    page declares in its first 4 KB (`<meta charset>` or `<meta
//!    http-equiv="Content-Type">`); then UTF-8; then windows-1252. Input that
//!    looks binary (NUL bytes, mostly control characters) is refused with
//!    [`ReadError::Binary`] rather than turned into garbage.
//! 2. [`snapshot_from_html`]: text → snapshot, with html5ever (through
//!    `scraper`), the same HTML5 tree-building algorithm browsers use, walked
//!    without recursion.
//!
//! What the snapshot keeps (and the content script must keep the same way)
//! is described in `docs/reader.md` and in [`crate::snapshot`].

use crate::snapshot::{Node, Snapshot, KEPT_ATTRIBUTES};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use scraper::{node::Node as HNode, Html};

/// Why bytes could not be read as a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The input looks like binary data (an image, an archive, ...).
    Binary,
    /// The input is gzip-compressed.
    Gzip,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Binary => write!(f, "binary data, not HTML or text"),
            ReadError::Gzip => write!(f, "gzip-compressed data; decompress it first (gunzip)"),
        }
    }
}

impl std::error::Error for ReadError {}

/// The result of [`decode`]: the text and the encoding it was read in.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The decoded text (BOM removed).
    pub text: String,
    /// The encoding used (`"UTF-8"`, `"windows-1252"`, ...).
    pub encoding: &'static str,
    /// True when some bytes were invalid in that encoding and replaced
    /// with U+FFFD.
    pub had_errors: bool,
}

/// How many leading bytes are searched for a charset declaration. The HTML
/// standard's prescan looks at 1024; real pages put long `<script>`s and
/// comments first, so look a little further.
const PRESCAN: usize = 4096;

/// Decodes the bytes of an HTML page or a text file to a string.
///
/// `html` enables the `<meta>` charset prescan (for `.txt` files a `<meta`
/// in the text is just text).
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, ReadError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Err(ReadError::Gzip);
    }
    // A BOM is the strongest signal (it also makes UTF-16's NULs legal).
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            had_errors,
        });
    }
    if looks_binary(bytes) {
        return Err(ReadError::Binary);
    }
    let declared = if html {
        prescan_charset(&bytes[..bytes.len().min(PRESCAN)])
    } else {
        None
    };
    let utf8_ok = std::str::from_utf8(bytes).is_ok();
    let enc = match declared {
        // A page may not declare UTF-16 in a <meta> (the standard reads
        // that as UTF-8): the bytes are ASCII-compatible or the meta lies.
        Some(e) if e == UTF_16LE || e == UTF_16BE => UTF_8,
        // Pages saved by tools are often transcoded to UTF-8 with the old
        // `charset=iso-8859-1` meta left in place (three of the 97 sample
        // pages). Valid UTF-8 with multi-byte sequences is practically never
        // a legacy single-byte text, so believe the bytes.
        Some(e) if e != UTF_8 && utf8_ok && !bytes.is_ascii() => UTF_8,
        Some(e) => e,
        None if utf8_ok => UTF_8,
        None => WINDOWS_1252,
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        had_errors,
    })
}

/// True when the bytes are not text: any NUL byte in the first 64 KB (no
/// text encoding we accept without a BOM has them), or more than 10% of
/// the first 64 KB are control characters other than whitespace.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(65536)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    controls * 10 > head.len()
}

/// The HTML standard's `<meta>` prescan, simplified: finds the first
/// `<meta charset=X>` or `<meta http-equiv=content-type content="...;
/// charset=X">` and returns the encoding X names, if it is one.
fn prescan_charset(head: &[u8]) -> Option<&'static Encoding> {
    // Work on an ASCII-lowercased copy; charset labels are ASCII.
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut i = 0;
    while let Some(pos) = find(&lower[i..], b"<meta") {
        let start = i + pos + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let mut rest = &tag[c + 7..];
            // skip spaces and `=`
            while let [b' ' | b'\t' | b'\n' | b'\r', tail @ ..] = rest {
                rest = tail;
            }
            if let [b'=', tail @ ..] = rest {
                rest = tail;
                while let [b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'\'', tail @ ..] = rest {
                    rest = tail;
                }
                let len = rest
                    .iter()
                    .position(|&b| {
                        matches!(
                            b,
                            b'"' | b'\'' | b' ' | b';' | b'/' | b'>' | b'\t' | b'\n' | b'\r'
                        )
                    })
                    .unwrap_or(rest.len());
                if let Some(e) = Encoding::for_label(&rest[..len]) {
                    return Some(e);
                }
            }
        }
        i = end.max(start);
        if i >= lower.len() {
            break;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// True when decoded input looks like HTML rather than plain text: it
/// starts (after whitespace and a BOM) with `<` and names an HTML tag in
/// its first kilobyte. Used when the file name does not say.
pub fn sniff_html(text: &str) -> bool {
    let t = text.trim_start_matches(['\u{feff}', ' ', '\t', '\n', '\r']);
    if !t.starts_with('<') {
        return false;
    }
    let mut head_end = t.len().min(1024);
    while !t.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = t[..head_end].to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
        "<div",
        "<p>",
        "<p ",
        "<article",
        "<!--",
    ]
    .iter()
    .any(|m| head.contains(m))
}

/// Tags whose text the snapshot drops (their element node stays). The
/// exception is `<script type="application/ld+json">`, whose text is kept
/// so the engine can read `datePublished` and the article type.
pub const DROPPED_TEXT_TAGS: &[&str] = &["script", "style", "noscript", "template"];

/// Parses an HTML document (already decoded) into a snapshot.
///
/// Every element becomes a node (lower-case tag, [`KEPT_ATTRIBUTES`] only);
/// every text node becomes a node, whitespace-only ones included; comments,
/// doctypes and processing instructions are dropped. The text of
/// [`DROPPED_TEXT_TAGS`] is dropped. An inline `style` that hides the
/// element (`display:none`, `visibility:hidden`) is recorded as a `hidden`
/// attribute, which is what a browser's computed style tells the content
/// script.
pub fn snapshot_from_html(html: &str) -> Snapshot {
    let doc = Html::parse_document(html);
    let mut nodes: Vec<Node> = Vec::new();
    // Iterative pre-order walk with (node, parent index) pairs: 10,000
    // levels of nesting must not overflow the stack.
    let mut stack = vec![(doc.tree.root(), -1i32)];
    while let Some((n, parent)) = stack.pop() {
        let mut me = parent;
        match n.value() {
            HNode::Element(e) => {
                let tag = e.name().to_ascii_lowercase();
                let mut node = Node::element(parent, &tag);
                for (k, v) in e.attrs() {
                    if KEPT_ATTRIBUTES.contains(&k) {
                        node.attrs.insert(k.to_string(), v.to_string());
                    } else if k == "style" && style_hides(v) {
                        node.attrs.insert("hidden".to_string(), String::new());
                    }
                }
                me = nodes.len() as i32;
                nodes.push(node);
                let keep_children = !DROPPED_TEXT_TAGS.contains(&tag.as_str())
                    || (tag == "script"
                        && e.attr("type")
                            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")));
                if !keep_children {
                    continue;
                }
            }
            HNode::Text(t) => {
                if parent >= 0 {
                    nodes.push(Node::text(parent, t));
                }
                continue;
            }
            HNode::Document | HNode::Fragment => {}
            _ => continue,
        }
        let at = stack.len();
        for c in n.children() {
            stack.push((c, me));
        }
        stack[at..].reverse();
    }
    Snapshot { nodes }
}

/// True for an inline style that hides the element.
fn style_hides(style: &str) -> bool {
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// Decodes the bytes of an HTML page and parses them into a snapshot.
pub fn snapshot_from_bytes(bytes: &[u8]) -> Result<Snapshot, ReadError> {
    let d = decode(bytes, true)?;
    Ok(snapshot_from_html(&d.text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        let mut b = vec![0xef, 0xbb, 0xbf];
        b.extend_from_slice("<meta charset=windows-1252><p>caf\u{e9}".as_bytes());
        let d = decode(&b, true).unwrap(); // OK because: test
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.ends_with("caf\u{e9}"));
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("<p>h\u{e9}".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = decode(&utf16, true).unwrap(); // OK because: test
        assert_eq!(d.text, "<p>h\u{e9}");
    }

    #[test]
    fn declared_charset_is_used() {
        let b = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><p>\x93Hi,\x94 she said.";
        let d = decode(b, true).unwrap(); // OK because: test
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("\u{201c}Hi,\u{201d} she said."));
        let b = b"<meta charset='iso-8859-1'><p>caf\xe9";
        assert!(decode(b, true).unwrap().text.ends_with("caf\u{e9}")); // OK because: test
    }

    #[test]
    fn utf8_page_with_stale_latin1_meta_is_utf8() {
        let b = "<meta http-equiv=Content-Type content=\"text/html; charset=iso-8859-1\"><p>caf\u{e9} \u{201c}x\u{201d}";
        let d = decode(b.as_bytes(), true).unwrap(); // OK because: test
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.ends_with("caf\u{e9} \u{201c}x\u{201d}"));
    }

    #[test]
    fn undeclared_invalid_utf8_falls_back_to_windows_1252() {
        let d = decode(b"<p>\x93Quoted\x94 text", true).unwrap(); // OK because: test
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, "<p>\u{201c}Quoted\u{201d} text");
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", true).unwrap_err(),
            ReadError::Binary
        ); // OK because: test
        assert_eq!(
            decode(b"\x1f\x8b\x08\0", true).unwrap_err(),
            ReadError::Gzip
        ); // OK because: test
        let junk: Vec<u8> = (0..4000u32).map(|i| (i % 31) as u8 + 1).collect();
        assert_eq!(decode(&junk, false).unwrap_err(), ReadError::Binary); // OK because: test
        assert!(decode(b"plain text\n", false).is_ok());
    }

    #[test]
    fn sniffs_html() {
        assert!(sniff_html("\n<!DOCTYPE html><html>"));
        assert!(sniff_html("<div class=x>hi</div>"));
        assert!(!sniff_html("\"Hello,\" she said. <b> is a tag"));
        assert!(!sniff_html("<3 you"));
    }

    #[test]
    fn snapshot_drops_script_text_keeps_ld_json_and_marks_hidden_styles() {
        let s = snapshot_from_html(
            "<html lang=en><head><script>var x='\"no\"';</script><script type=\"application/ld+json\">{\"a\":1}</script>\
             <style>p{}</style></head><body><p style=\"display: none\">gone</p><p onclick=x class=c>kept</p></body></html>",
        );
        let texts: Vec<&str> = s.nodes.iter().filter_map(|n| n.text.as_deref()).collect();
        assert_eq!(texts, vec!["{\"a\":1}", "gone", "kept"]);
        let hidden = s
            .nodes
            .iter()
            .position(|n| n.attrs.contains_key("hidden"))
            .unwrap(); // OK because: test
        assert_eq!(s.nodes[hidden + 1].text.as_deref(), Some("gone"));
        let p = &s.nodes[s.nodes.len() - 2];
        assert_eq!(p.attr("class"), Some("c"));
        assert_eq!(p.attr("onclick"), None);
        s.validate().unwrap(); // OK because: test
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}<p>deep</p>", "<div>".repeat(20_000));
        let s = snapshot_from_html(&html);
        assert!(s.nodes.iter().any(|n| n.text.as_deref() == Some("deep")));
        s.validate().unwrap(); // OK because: test
    }
}
