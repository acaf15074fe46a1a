//! The WASM build's warm-up article (`src/warmup_article.txt`, analysed by
//! `warm_up()` in `src/wasm.rs` when the extension's worker starts) must
//! exercise what real pages exercise, or the browser leaves that code
//! uncompiled until the first page: many quotations, speakers the
//! knowledge base resolves to a party, an anonymous source, partial
//! quotations, a title (docs/perf.md, "perfwasm").

use whosaid::report::{QuoteKind, SpeakerKind};
use whosaid::{Kb, Options};

#[test]
fn warmup_article_exercises_the_engine() {
    let text = include_str!("../src/warmup_article.txt");
    let r = whosaid::analyze_text(text, Kb::embedded(), &Options::default());
    assert!(r.quotes.len() >= 12, "only {} quotations", r.quotes.len());
    assert!(r.title.is_some(), "no title");
    let with_party: std::collections::BTreeSet<&str> = r
        .quotes
        .iter()
        .filter(|q| q.speaker.kind == SpeakerKind::Person && q.speaker.party.is_some())
        .map(|q| q.speaker.name.as_str())
        .collect();
    assert!(with_party.len() >= 6, "speakers with a party: {with_party:?}");
    assert!(r.quotes.iter().any(|q| q.speaker.kind == SpeakerKind::Anonymous), "no anonymous source");
    assert!(r.quotes.iter().any(|q| q.kind == QuoteKind::Partial), "no partial quotation");
}
