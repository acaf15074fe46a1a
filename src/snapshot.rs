//! The page snapshot: the seam between a browser (or the native HTML reader)
//! and the engine.
//!
//! A snapshot is a flat list of nodes in document order. Each node knows its
//! parent by index, so the tree can be rebuilt without recursion (deeply
//! nested markup cannot blow the stack). Elements carry their lower-case tag
//! and only the few attributes that help find the article; text nodes carry
//! their text. Results of the analysis point back into the snapshot by
//! `(node index, offset)`, so the content script knows where to draw.
//!
//! The JSON form (what the content script sends) is the serde form of
//! [`Snapshot`]:
//!
//! ```json
//! {"nodes": [
//!   {"p": -1, "tag": "html", "attrs": {"lang": "en"}},
//!   {"p": 0,  "tag": "p"},
//!   {"p": 1,  "text": "\"Hello,\" she said."}
//! ]}
//! ```
//!
//! Kept attributes: `id`, `class`, `role`, `itemprop`, `itemtype`, `hidden`,
//! `aria-hidden`, `lang`, `name`, `property`, `content`, `datetime`, `type`,
//! `http-equiv` (see [`KEPT_ATTRIBUTES`]); an element hidden by its style
//! (`display: none`, `visibility: hidden`) gets a `hidden` attribute. `<script>` and `<style>` contents are dropped,
//! except `<script type="application/ld+json">`, whose text is kept so the
//! engine can read `datePublished`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Attributes a snapshot keeps on elements; everything else is dropped.
pub const KEPT_ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "role",
    "itemprop",
    "itemtype",
    "hidden",
    "aria-hidden",
    "lang",
    "name",
    "property",
    "content",
    "datetime",
    "type",
    "http-equiv",
];

/// One node of a [`Snapshot`]: an element or a text node.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// Index of the parent node in [`Snapshot::nodes`], or -1 for a root.
    /// A parent always comes before its children.
    #[serde(rename = "p")]
    pub parent: i32,
    /// Lower-case tag name, for elements. `None` for text nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Kept attributes (see [`KEPT_ATTRIBUTES`]), for elements.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, String>,
    /// The text, for text nodes. `None` for elements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Node {
    /// An element node.
    pub fn element(parent: i32, tag: &str) -> Node {
        Node {
            parent,
            tag: Some(tag.to_ascii_lowercase()),
            ..Node::default()
        }
    }
    /// A text node.
    pub fn text(parent: i32, text: &str) -> Node {
        Node {
            parent,
            text: Some(text.to_string()),
            ..Node::default()
        }
    }
    /// The value of a kept attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }
    /// True for text nodes.
    pub fn is_text(&self) -> bool {
        self.text.is_some()
    }
}

/// A page as a flat list of nodes in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The nodes, parents before children, in document order.
    pub nodes: Vec<Node>,
}

impl Snapshot {
    /// Builds a snapshot of a plain-text article: a `<body>` holding one
    /// `<p>` per non-blank line, with the line breaks kept as whitespace
    /// text nodes between them. A snapshot without an `<html>` root is laid
    /// out verbatim (see [`crate::article`]), so the analysed text is the
    /// file exactly. (`www/js/snapshot-text.js` builds the same nodes.)
    pub fn from_text(text: &str) -> Snapshot {
        let mut nodes = vec![Node::element(-1, "body")];
        let mut rest = text;
        while !rest.is_empty() {
            let line_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
            let (line, tail) = rest.split_at(line_end);
            let content = line.trim_end_matches(['\n', '\r']);
            if content.trim().is_empty() {
                nodes.push(Node::text(0, line));
            } else {
                let p = nodes.len() as i32;
                nodes.push(Node::element(0, "p"));
                nodes.push(Node::text(p, content));
                let eol = &line[content.len()..];
                if !eol.is_empty() {
                    nodes.push(Node::text(0, eol));
                }
            }
            rest = tail;
        }
        Snapshot { nodes }
    }

    /// Checks the structural invariants (parents exist and come first,
    /// every node is an element or a text node). The browser sends
    /// snapshots we did not build, so the engine checks before it trusts.
    pub fn validate(&self) -> Result<(), SnapshotError> {
        for (i, n) in self.nodes.iter().enumerate() {
            if n.parent < -1 || n.parent >= i as i32 {
                return Err(SnapshotError::BadParent { node: i });
            }
            if n.parent >= 0 && self.nodes[n.parent as usize].is_text() {
                return Err(SnapshotError::BadParent { node: i });
            }
            if n.tag.is_some() == n.text.is_some() {
                return Err(SnapshotError::BadNode { node: i });
            }
        }
        Ok(())
    }
}

/// Why a snapshot was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotError {
    /// A node's parent index is out of range, after the node, or a text node.
    BadParent {
        /// Index of the offending node.
        node: usize,
    },
    /// A node is neither an element nor a text node (or both).
    BadNode {
        /// Index of the offending node.
        node: usize,
    },
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotError::BadParent { node } => {
                write!(f, "snapshot node {node} has an invalid parent")
            }
            SnapshotError::BadNode { node } => {
                write!(
                    f,
                    "snapshot node {node} must be either an element or a text node"
                )
            }
        }
    }
}

impl std::error::Error for SnapshotError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_snapshot_keeps_every_byte() {
        let src = "Title\n\n\"Hi,\" she said.\r\nSecond line\n";
        let snap = Snapshot::from_text(src);
        let joined: String = snap
            .nodes
            .iter()
            .filter_map(|n| n.text.as_deref())
            .collect();
        assert_eq!(joined, src);
        snap.validate().unwrap(); // OK because: test
    }

    #[test]
    fn bad_parent_is_refused() {
        let snap = Snapshot {
            nodes: vec![Node::text(3, "x")],
        };
        assert_eq!(snap.validate(), Err(SnapshotError::BadParent { node: 0 }));
    }
}
