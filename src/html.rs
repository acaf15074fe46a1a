//! The native HTML reader: an HTML document → the same [`Snapshot`] the
//! content script builds from a live page. Native only (the browser has
//! its own DOM).

use crate::snapshot::{Node, Snapshot, KEPT_ATTRIBUTES};
use scraper::{Html, node::Node as HNode};

/// Parses HTML (already decoded to UTF-8) into a snapshot.
pub fn snapshot_from_html(html: &str) -> Snapshot {
    let doc = Html::parse_document(html);
    let mut nodes: Vec<Node> = Vec::new();
    // Iterative pre-order walk with (node, parent index) pairs.
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
                    }
                }
                me = nodes.len() as i32;
                nodes.push(node);
                let keep_children = !matches!(tag.as_str(), "script" | "style" | "noscript" | "template")
                    || (tag == "script" && e.attr("type") == Some("application/ld+json"));
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
        let children: Vec<_> = n.children().collect();
        for c in children.into_iter().rev() {
            stack.push((c, me));
        }
    }
    Snapshot { nodes }
}
