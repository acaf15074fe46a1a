//! Article detection and text layout on HTML pages we wrote
//! (`tests/pages/`), invariance under markup changes, metadata, anchors,
//! and pathological inputs.

use whosaid::article::{self, BlockKind};
use whosaid::html::{decode, snapshot_from_bytes, snapshot_from_html};
use whosaid::{analyze, Kb, Options, Snapshot};

fn page(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/pages/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn snap(name: &str) -> Snapshot {
    snapshot_from_bytes(&page(name)).expect("test pages are text") // OK because: test
}

fn blocks(art: &article::Article) -> Vec<&str> {
    art.blocks
        .iter()
        .map(|b| &art.text[b.range.clone()])
        .collect()
}

#[test]
fn full_article_keeps_the_story_and_drops_the_furniture() {
    let art = article::extract(&snap("article-full.html"));
    assert!(art.is_article);
    let b = blocks(&art);
    assert_eq!(
        b[0], "Council approves river bridge after long night",
        "headline outside <article> is kept"
    );
    assert_eq!(
        b[1], "The $48 million crossing will link the east side to downtown by 2024.",
        "standfirst is kept"
    );
    assert!(b[2].starts_with("The Millbrook City Council voted 6-3"));
    assert_eq!(
        *b.last().expect("blocks"),
        "The council will vote on the construction contract in June."
    ); // OK because: test
    assert_eq!(b.len(), 13, "{b:#?}");
    for gone in [
        "cookies",
        "Accept all",
        "Share on",
        "By Dana",
        "Advertisement",
        "mattress",
        "Hidden paragraph",
        "newsletter",
        "morning briefing",
        "Related",
        "Bridge costs climb",
        "comments",
        "waste of money",
        "Most read",
        "Storm knocks",
        "won't believe",
        "Copyright",
        "Privacy",
        "script",
        "STYLE LEAK",
        "dataLayer",
        "News",
        "Search",
    ] {
        assert!(
            !art.text.contains(gone),
            "{gone:?} leaked into:\n{}",
            art.text
        );
    }
    assert_eq!(
        art.title.as_deref(),
        Some("Council approves river bridge after long night")
    );
    assert_eq!(
        art.date.map(|d| d.to_string()).as_deref(),
        Some("2021-03-09")
    );
    assert_eq!(art.lang.as_deref(), Some("en"));
}

#[test]
fn block_kinds_embeds_captions_lists_quotes() {
    let art = article::extract(&snap("article-full.html"));
    let find = |start: &str| {
        art.blocks
            .iter()
            .find(|b| art.text[b.range.clone()].starts_with(start))
            .unwrap_or_else(|| panic!("no block starting {start:?}"))
    };
    assert_eq!(find("Council approves").kind, BlockKind::Heading);
    assert_eq!(find("An artist's drawing").kind, BlockKind::Caption);
    assert_eq!(find("Construction is expected").kind, BlockKind::ListItem);
    let bq = find("\"Bridges are how");
    assert_eq!(bq.kind, BlockKind::Blockquote);
    assert!(!bq.embed);
    let tweet = find("Proud of tonight's vote.");
    assert!(tweet.embed);
    assert_eq!(tweet.kind, BlockKind::Blockquote);
    assert_eq!(
        &art.text[tweet.range.clone()],
        "Proud of tonight's vote. The east side deserves a real connection to the rest of Millbrook. pic.twitter.com/x\n\
         \u{2014} Teresa Olmos (@MayorOlmos) March 9, 2021",
        "the embed is one block: the post, a line break, the author line"
    );
    assert!(art.blocks.iter().filter(|b| b.embed).count() == 1);
    assert!(!find("The bridge will carry").embed);
}

#[test]
fn non_article_pages_are_not_articles() {
    for name in [
        "home.html",
        "search.html",
        "app.html",
        "author.html",
        "not-found.html",
    ] {
        let art = article::extract(&snap(name));
        assert!(
            !art.is_article,
            "{name} taken for an article:\n{}",
            art.text
        );
    }
}

#[test]
fn a_list_page_marked_as_article_is_still_a_list() {
    // Some sites put og:type=article on every page, section fronts included.
    let html = String::from_utf8(page("author.html"))
        .expect("utf-8")
        .replace("content=\"profile\"", "content=\"article\""); // OK because: test
    assert!(html.contains("content=\"article\""));
    let art = article::extract(&snapshot_from_html(&html));
    assert!(!art.is_article, "{}", art.text);
}

#[test]
fn short_and_unmarked_articles_are_articles() {
    let soup = article::extract(&snap("div-soup.html"));
    assert!(soup.is_article, "{}", soup.text);
    assert!(
        soup.text
            .starts_with("Voters in Pell County will decide in November"),
        "{}",
        soup.text
    );
    assert!(
        soup.text
            .ends_with("at the county library and at the fairgrounds."),
        "{}",
        soup.text
    );
    for gone in ["Obituaries", "Weather", "Lottery", "Privacy", "Home |"] {
        assert!(!soup.text.contains(gone), "{gone:?} leaked:\n{}", soup.text);
    }
    assert_eq!(
        soup.title.as_deref(),
        Some("County puts road tax on November ballot")
    );
    assert_eq!(blocks(&soup).len(), 6);
}

#[test]
fn windows_1252_page_is_decoded_from_its_meta() {
    let bytes = page("cp1252.html");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must really be windows-1252"
    );
    let d = decode(&bytes, true).expect("text"); // OK because: test
    assert_eq!(d.encoding, "windows-1252");
    let art = article::extract(&snapshot_from_html(&d.text));
    assert!(art.is_article);
    assert_eq!(
        art.title.as_deref(),
        Some("Caf\u{e9} owner wins zoning fight")
    );
    assert!(
        art.text
            .contains("\u{201c}I never wanted a fight,\u{201d} said Ren\u{e9}e Dubois"),
        "{}",
        art.text
    );
    assert!(art.text.contains("zoning board \u{2014} one that"));
    assert!(art
        .text
        .contains("had \u{2018}learned something\u{2019} from"));
    assert!(!art.text.contains('\u{fffd}'));
}

#[test]
fn article_cut_by_ads_is_read_whole_and_comments_are_not() {
    let split = article::extract(&snap("article-split.html"));
    let comments = article::extract(&snap("article-comments.html"));
    assert!(split.is_article && comments.is_article);
    assert_eq!(
        split.text, comments.text,
        "the same story, laid out differently"
    );
    let b = blocks(&split);
    assert_eq!(b.len(), 8, "{b:#?}");
    assert_eq!(b[0], "County will buy old paper mill for riverfront park");
    assert!(
        b[7].ends_with("\u{201c}I would like my grandchildren to be able to walk there.\u{201d}")
    );
    for gone in [
        "Advertisement",
        "More coverage",
        "Mill closing",
        "Weather",
        "Subscribe",
        "Recommended",
        "way of life",
        "mark my words",
        "fish off",
        "Pell County\n",
        "mill workers look back",
        "Photos:",
    ] {
        assert!(
            !split.text.contains(gone) && !comments.text.contains(gone),
            "{gone:?} leaked"
        );
    }
    assert_eq!(
        comments.date.map(|d| d.to_string()).as_deref(),
        Some("2022-09-12")
    );
}

// ---- invariance --------------------------------------------------------

const PARAS: &[&str] = &[
    "The state Senate passed a bill on Wednesday that would cap the price of insulin at $35 a month, sending the measure to the governor.",
    "\u{201c}No one in this state should have to choose between insulin and rent,\u{201d} said Sen. Maria Okafor, a Democrat from Dayton who wrote the bill.",
    "Sen. Paul Lindqvist, a Republican, said he voted for the bill with reservations. \u{201c}I worry about what the insurers will do next,\u{201d} he said. \u{201c}But people need help now.\u{201d}",
    "The governor\u{2019}s office said she would sign it. \u{201c}This is a good day,\u{201d} spokeswoman Jen Alvarez said in a statement.",
    "The cap would take effect in January and apply to state-regulated insurance plans, which cover about a third of residents.",
];

fn page_with(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=en><head><title>Senate passes insulin price cap</title>\
         <meta property=og:type content=article></head><body>\
         <nav><a href=/>Home</a> <a href=/politics>Politics</a></nav>\
         <h1>Senate passes insulin price cap</h1>{body}\
         <div class=\"related-links\"><a href=/x>Other news from the statehouse this week</a></div>\
         <footer>\u{a9} The Example Gazette</footer></body></html>"
    )
}

fn variants() -> Vec<(&'static str, String)> {
    let plain: String = PARAS.iter().map(|p| format!("<p>{p}</p>")).collect();
    let wrapped: String = PARAS
        .iter()
        .map(|p| format!("<div class=\"para-wrap\"><div><p><span>{p}</span></p></div></div>"))
        .collect();
    let spans: String = PARAS
        .iter()
        .map(|p| {
            format!(
                "<p>{}</p>",
                p.split(' ')
                    .map(|w| format!("<span class=w>{w}</span>"))
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        })
        .collect();
    // Line breaks and indentation everywhere, and &nbsp; spacer paragraphs.
    let messy: String = PARAS
        .iter()
        .map(|p| {
            format!(
                "\n   <p>\n      {}\n   </p>\n<p>&nbsp;</p> &nbsp; \n",
                p.replace(' ', " \n  ")
            )
        })
        .collect();
    vec![
        (
            "plain",
            page_with(&format!("<div class=story>{plain}</div>")),
        ),
        (
            "article tag",
            page_with(&format!("<article>{plain}</article>")),
        ),
        (
            "articleBody",
            page_with(&format!("<div itemprop=articleBody>{plain}</div>")),
        ),
        (
            "extra wrappers",
            page_with(&format!(
                "<div><div><section><div class=content>{wrapped}</div></section></div></div>"
            )),
        ),
        (
            "spans per word",
            page_with(&format!("<main><div>{spans}</div></main>")),
        ),
        (
            "whitespace",
            page_with(&format!("<div class=story>{messy}</div>")),
        ),
        (
            "ads between",
            page_with(&format!(
                "<div class=story>{}</div>",
                PARAS
                    .iter()
                    .map(|p| format!(
                        "<p>{p}</p><div class=\"ad-container\"><p>Advertisement</p></div>"
                    ))
                    .collect::<String>()
            )),
        ),
        (
            "br paragraphs",
            page_with(&format!(
                "<div class=story>{}</div>",
                PARAS.join("<br><br>\n")
            )),
        ),
    ]
}

#[test]
fn same_article_in_different_markup_reads_the_same() {
    let expected: Vec<&str> = std::iter::once("Senate passes insulin price cap")
        .chain(PARAS.iter().copied())
        .collect();
    let kb = Kb::embedded();
    let mut reference = None;
    for (name, html) in variants() {
        let s = snapshot_from_html(&html);
        let art = article::extract(&s);
        assert_eq!(blocks(&art), expected, "variant {name:?}");
        assert!(art.is_article, "variant {name:?}");
        let report = analyze(&s, kb, &Options::default()).expect("valid snapshot"); // OK because: test
        let quotes: Vec<(String, String)> = report
            .quotes
            .iter()
            .map(|q| (q.text.clone(), q.speaker.name.clone()))
            .collect();
        assert!(!quotes.is_empty());
        match &reference {
            None => reference = Some(quotes),
            Some(r) => assert_eq!(&quotes, r, "variant {name:?}"),
        }
    }
}

#[test]
fn splitting_a_paragraph_keeps_the_words_and_quotes() {
    let kb = Kb::embedded();
    let one = page_with(&format!("<article><p>{}</p></article>", PARAS.join(" ")));
    let many = page_with(&format!(
        "<article>{}</article>",
        PARAS
            .iter()
            .map(|p| format!("<p>{p}</p>"))
            .collect::<String>()
    ));
    let words = |html: &str| {
        let art = article::extract(&snapshot_from_html(html));
        art.text
            .split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(words(&one), words(&many));
    let quotes = |html: &str| {
        let r = analyze(&snapshot_from_html(html), kb, &Options::default()).expect("valid"); // OK because: test
        r.quotes.iter().map(|q| q.text.clone()).collect::<Vec<_>>()
    };
    assert_eq!(quotes(&one), quotes(&many));
}

// ---- metadata ------------------------------------------------------------

fn meta_of(head: &str, body: &str) -> article::Article {
    let html = format!(
        "<html{}><head>{head}</head><body><article><h1>A headline for the test</h1>{}{body}</article></body></html>",
        if head.contains("LANG") { " lang=de-AT" } else { "" },
        PARAS.iter().map(|p| format!("<p>{p}</p>")).collect::<String>()
    );
    article::extract(&snapshot_from_html(&html))
}

#[test]
fn dates_from_every_source() {
    let d = |a: article::Article| a.date.map(|d| d.to_string());
    assert_eq!(
        d(meta_of(
            "<meta property=article:published_time content=2016-11-08T23:00:00Z>",
            ""
        ))
        .as_deref(),
        Some("2016-11-08")
    );
    let graph = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","datePublished":"2001-01-01"},{"@type":"NewsArticle","datePublished":"2018-06-12T04:00:00+08:00"}]}</script>"#;
    assert_eq!(d(meta_of(graph, "")).as_deref(), Some("2018-06-12"));
    let array = r#"<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"ReportageNewsArticle","datePublished":"2019-02-03"}]</script>"#;
    assert_eq!(d(meta_of(array, "")).as_deref(), Some("2019-02-03"));
    assert_eq!(
        d(meta_of(
            "",
            "<p>Posted <time datetime=\"2020-05-06T07:08\">May 6</time></p>"
        ))
        .as_deref(),
        Some("2020-05-06")
    );
    assert_eq!(
        d(meta_of(
            "",
            "<meta itemprop=datePublished content=2015-04-03>"
        ))
        .as_deref(),
        Some("2015-04-03")
    );
    assert_eq!(
        d(meta_of("<meta name=pubdate content=20140102>", "")).as_deref(),
        Some("2014-01-02")
    );
    // The article's own meta beats a <time> in the text.
    assert_eq!(
        d(meta_of(
            "<meta property=article:published_time content=2016-11-08>",
            "<time datetime=2010-01-01>then</time>"
        ))
        .as_deref(),
        Some("2016-11-08")
    );
    assert_eq!(d(meta_of("", "")), None);
}

#[test]
fn language_from_every_source() {
    // Little text: the declaration decides.
    let short = |head: &str, html_lang: &str| {
        let html = format!(
            "<html{html_lang}><head>{head}</head><body><article><h1>Kurz</h1><p>Ja.</p></article></body></html>"
        );
        article::extract(&snapshot_from_html(&html)).lang
    };
    assert_eq!(short("", " lang=de-AT").as_deref(), Some("de"));
    assert_eq!(
        short("<meta property=og:locale content=fr_FR>", "").as_deref(),
        Some("fr")
    );
    assert_eq!(
        short("<meta http-equiv=content-language content=es-MX>", "").as_deref(),
        Some("es")
    );
    assert_eq!(short("", ""), None);
    // Enough text: English text says English, whatever the page declares
    // among the languages we read; an undeclared page gets its language.
    assert_eq!(meta_of("<!--LANG-->", "").lang.as_deref(), Some("en"));
    assert_eq!(meta_of("", "").lang.as_deref(), Some("en"));
    let es = "<p>El alcalde dijo que el consejo votar\u{e1} el plan, y que seg\u{fa}n los vecinos fue una decisi\u{f3}n para la ciudad, con las obras del puerto y los barrios del norte.</p>";
    let html = format!(
        "<html lang=en><body><article><h1>Titular</h1>{}</article></body></html>",
        es.repeat(4)
    );
    assert_eq!(
        article::extract(&snapshot_from_html(&html)).lang.as_deref(),
        Some("es")
    );
}

#[test]
fn headline_in_an_h2_when_the_h1_is_a_breadcrumb() {
    let html = format!(
        "<html><head><meta property=og:title content=\"Senate passes insulin price cap\"></head><body>\
         <h1 class=crumb><a href=/>Home</a> / <a href=/politics>Politics</a></h1>\
         <article><p class=stamp>12.03.21 14:50</p><p class=kicker>Statehouse</p>\
         <h2>Senate passes insulin price cap</h2>{}</article></body></html>",
        PARAS.iter().map(|p| format!("<p>{p}</p>")).collect::<String>()
    );
    let art = article::extract(&snapshot_from_html(&html));
    assert_eq!(
        art.title.as_deref(),
        Some("Senate passes insulin price cap")
    );
    assert_eq!(
        blocks(&art)[0],
        "Senate passes insulin price cap",
        "kickers before the headline dropped"
    );
    assert_eq!(blocks(&art).len(), 1 + PARAS.len());
}

#[test]
fn title_falls_back_to_metadata() {
    let html = format!(
        "<html><head><title>Insulin cap passes | The Example Gazette</title></head><body><div>{}</div></body></html>",
        PARAS.iter().map(|p| format!("<p>{p}</p>")).collect::<String>()
    );
    assert_eq!(
        article::extract(&snapshot_from_html(&html))
            .title
            .as_deref(),
        Some("Insulin cap passes")
    );
    let html = html.replace(
        "<head>",
        "<head><meta property=og:title content=\"The real headline\">",
    );
    assert_eq!(
        article::extract(&snapshot_from_html(&html))
            .title
            .as_deref(),
        Some("The real headline")
    );
}

// ---- anchors --------------------------------------------------------------

/// Every quote's anchors point at its marks in the snapshot: the start
/// anchor at the opening mark, the end anchor just past the closing mark
/// (UTF-16 offsets, as the DOM counts), even after astral characters and
/// collapsed whitespace.
#[test]
fn anchors_point_at_the_quote_marks() {
    let html = page_with(
        "<article><p>\u{1f600} Caf\u{e9}   owners\n  cheered. <b>\u{201c}We won,\u{201d}</b> said Ana <i>P\u{e9}rez</i>, \
         \u{201c}and <em>we</em> will celebrate.\u{201d}</p>\
         <p>\u{10348}\u{10348} \u{201c}Gothic letters come first,\u{201d} she added.</p></article>",
    );
    let s = snapshot_from_html(&html);
    let r = analyze(&s, Kb::embedded(), &Options::default()).expect("valid"); // OK because: test
    assert!(r.quotes.len() >= 3, "{:?}", r.quotes);
    let utf16 = |node: usize| -> Vec<u16> {
        s.nodes[node]
            .text
            .as_deref()
            .expect("text node")
            .encode_utf16()
            .collect()
    }; // OK because: test
    for q in &r.quotes {
        let a = q.anchor_start.expect("start anchor"); // OK because: test
        let b = q.anchor_end.expect("end anchor"); // OK because: test
        let start = utf16(a.node);
        let end = utf16(b.node);
        assert_eq!(
            String::from_utf16_lossy(&start[a.offset..a.offset + 1]),
            "\u{201c}",
            "start of {:?}",
            q.text
        );
        assert!(b.offset >= 1 && b.offset <= end.len());
        assert_eq!(
            String::from_utf16_lossy(&end[b.offset - 1..b.offset]),
            "\u{201d}",
            "end of {:?}",
            q.text
        );
    }
}

/// The same for a text snapshot (a `.txt` file, www's text box): anchors
/// and character offsets agree with the text.
#[test]
fn anchors_and_offsets_in_plain_text() {
    let src = "\u{1f4f0} Caf\u{e9} news\r\n\r\n\u{201c}We won,\u{201d} said Ana P\u{e9}rez. \u{201c}\u{10348} counts twice in UTF-16.\u{201d}\n";
    let snap = Snapshot::from_text(src);
    let r = analyze(&snap, Kb::embedded(), &Options::default()).expect("valid"); // OK because: test
    assert!(r.quotes.len() >= 2, "{:?}", r.quotes);
    let chars: Vec<char> = src.chars().collect();
    for q in &r.quotes {
        // start/end are character offsets of the quoted text.
        assert_eq!(chars[q.start..q.end].iter().collect::<String>(), q.text);
        let a = q.anchor_start.expect("start anchor"); // OK because: test
        let b = q.anchor_end.expect("end anchor"); // OK because: test
        let ta: Vec<u16> = snap.nodes[a.node]
            .text
            .as_deref()
            .expect("text")
            .encode_utf16()
            .collect(); // OK because: test
        let tb: Vec<u16> = snap.nodes[b.node]
            .text
            .as_deref()
            .expect("text")
            .encode_utf16()
            .collect(); // OK because: test
        assert_eq!(ta[a.offset], 0x201c, "{:?}", q.text);
        assert_eq!(tb[b.offset - 1], 0x201d, "{:?}", q.text);
    }
}

// ---- plain text -----------------------------------------------------------

#[test]
fn plain_text_is_analysed_exactly() {
    let src = "Headline here\r\n\r\n\u{201c}Quoted,\u{201d}  she said.\n   \n\tIndented line\nlast line without newline";
    let snap = Snapshot::from_text(src);
    let art = article::extract(&snap);
    assert_eq!(art.text, src);
    assert!(art.is_article);
    assert_eq!(
        blocks(&art),
        vec![
            "Headline here",
            "\u{201c}Quoted,\u{201d}  she said.",
            "\tIndented line",
            "last line without newline"
        ]
    );
    let r = analyze(
        &snap,
        Kb::embedded(),
        &Options {
            keep_text: true,
            ..Options::default()
        },
    )
    .expect("valid"); // OK because: test
    assert_eq!(r.text, src);
    // The same text sent as a JSON snapshot (what www builds) reads the same.
    let json = serde_json::to_string(&snap).expect("json"); // OK because: test
    let back: Snapshot = serde_json::from_str(&json).expect("json"); // OK because: test
    assert_eq!(article::extract(&back).text, src);
}

#[test]
fn plain_text_title_is_its_headline_line() {
    let title = |src: &str| article::extract(&Snapshot::from_text(src)).title;
    assert_eq!(
        title("City Hall\n\nCouncil approves the river bridge plan\n\nThe council voted 6-3 on Tuesday.\n").as_deref(),
        Some("Council approves the river bridge plan")
    );
    let long = format!("{} ", PARAS[0]).repeat(2);
    assert_eq!(title(&long), None, "a paragraph is not a title");
    assert_eq!(
        title("Yes.\nNo.\nMaybe.\nThe fourth line is long enough to be a title"),
        None
    );
}

#[test]
fn options_date_fills_a_missing_date_only() {
    let kb = Kb::embedded();
    let d = whosaid::kb::Date::parse("2017-07-10");
    let opts = Options {
        date: d,
        ..Options::default()
    };
    assert_eq!(
        analyze(&Snapshot::from_text("Text."), kb, &opts)
            .expect("valid")
            .date
            .as_deref(),
        Some("2017-07-10")
    ); // OK because: test
    let page = snap("article-full.html");
    assert_eq!(
        analyze(&page, kb, &opts).expect("valid").date.as_deref(),
        Some("2021-03-09")
    ); // OK because: test
}

// ---- pathological inputs ----------------------------------------------------

fn bounded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    // A generous bound to catch hangs (quadratic blow-ups), not a timing.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let _ = tx.send(f());
        })
        .expect("thread"); // OK because: test
    rx.recv_timeout(std::time::Duration::from_secs(120))
        .unwrap_or_else(|_| panic!("{what}: no result within 120 s"))
}

#[test]
fn ten_thousand_nesting_levels() {
    let art = bounded("deep nesting", || {
        let mut nodes = vec![
            whosaid::Node::element(-1, "html"),
            whosaid::Node::element(0, "body"),
        ];
        for i in 0..10_000 {
            nodes.push(whosaid::Node::element(
                i + 1,
                if i % 2 == 0 { "div" } else { "span" },
            ));
        }
        let last = nodes.len() as i32 - 1;
        let p = nodes.len() as i32;
        nodes.push(whosaid::Node::element(last, "p"));
        nodes.push(whosaid::Node::text(p, PARAS[1]));
        for (k, para) in PARAS.iter().enumerate() {
            let e = nodes.len() as i32;
            nodes.push(whosaid::Node::element(last - k as i32, "p"));
            nodes.push(whosaid::Node::text(e, para));
        }
        let s = Snapshot { nodes };
        s.validate().expect("valid"); // OK because: test
        article::extract(&s)
    });
    assert!(art.text.contains(PARAS[4]));
    // And through the HTML parser.
    let art = bounded("deep html", || {
        let html = format!(
            "<html><body>{}<p>{}</p></body></html>",
            "<div><span>".repeat(5_000),
            PARAS[0]
        );
        article::extract(&snapshot_from_html(&html))
    });
    assert!(art.text.contains(PARAS[0]));
}

// These check the reader's stage (parse, extract, anchors); the whole
// engine on pathological input is tests/pathological.rs's job.

#[test]
fn fifty_thousand_paragraphs() {
    let art = bounded("many paragraphs", || {
        let body: String = (0..50_000)
            .map(|i| format!("<p>{} ({i})</p>", PARAS[i % PARAS.len()]))
            .collect();
        let html = format!("<html><body><article><h1>Long</h1>{body}</article></body></html>");
        article::extract(&snapshot_from_html(&html))
    });
    assert_eq!(art.blocks.len(), 50_001);
    assert!(art.is_article);
    assert!(art.text.ends_with("(49999)"));
}

#[test]
fn five_megabyte_paragraph() {
    let (len, blocks, last) = bounded("huge paragraph", || {
        let sentence =
            "The mayor said \u{201c}the budget is balanced\u{201d} and left   the room.\n";
        let para = sentence.repeat(5 * 1024 * 1024 / sentence.len());
        let html =
            format!("<html><body><article><h1>Budget</h1><p>{para}</p></article></body></html>");
        let s = snapshot_from_html(&html);
        let art = article::extract(&s);
        // Locating every offset of the text must stay fast too.
        let last = art.locate(art.text.len() - 1);
        (art.text.len(), art.blocks.len(), last)
    });
    assert!(len >= 5 * 1024 * 1024 - 300_000, "{len}");
    assert_eq!(blocks, 2);
    assert!(last.is_some());
}

#[test]
fn broken_snapshots_do_not_panic_extract() {
    // extract() may be called on snapshots nobody validated.
    let s = Snapshot {
        nodes: vec![
            whosaid::Node::text(5, "orphan"),
            whosaid::Node::element(-1, "html"),
            whosaid::Node {
                parent: 1,
                ..Default::default()
            },
            whosaid::Node::text(0, "child of a text node"),
        ],
    };
    let _ = article::extract(&s);
    let _ = article::extract(&Snapshot::default());
}

// ---- invariants on random snapshots ------------------------------------------

/// Random trees of tags, attributes and texts (a fixed-seed LCG, so every
/// run checks the same 400 snapshots): extract never panics, blocks are in
/// order, inside the text and non-overlapping, and every segment copies its
/// node's bytes (a collapsed whitespace byte may stand as a space).
#[test]
fn random_snapshots_keep_the_layout_invariants() {
    let mut seed: u64 = 0x5eed_1234_abcd_0001;
    let mut rnd = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n.max(1)
    };
    const TAGS: &[&str] = &[
        "div",
        "p",
        "span",
        "a",
        "article",
        "main",
        "h1",
        "h2",
        "li",
        "ul",
        "blockquote",
        "br",
        "pre",
        "figcaption",
        "header",
        "footer",
        "nav",
        "aside",
        "script",
        "section",
        "td",
        "b",
        "time",
        "meta",
        "form",
    ];
    const CLASSES: &[&str] = &[
        "story",
        "share-bar",
        "comments",
        "twitter-tweet",
        "hidden",
        "related",
        "content",
        "ad-slot",
    ];
    const TEXTS: &[&str] = &[
        " ", "\n  ", "\u{a0}", "\u{201c}Hello,\u{201d} she said.", "word", "caf\u{e9} \u{1f600} ok",
        "The council voted on Tuesday, after a long debate, to approve the plan for the river bridge.", "\r\n", "x",
    ];
    for round in 0..400 {
        // Every third snapshot is a text snapshot (no <html> root).
        let root = if round % 3 == 0 { "div" } else { "html" };
        let mut nodes = vec![
            whosaid::Node::element(-1, root),
            whosaid::Node::element(0, "body"),
        ];
        let count = 5 + rnd(120);
        for _ in 0..count {
            // Parent: any earlier element.
            let elements: Vec<usize> = (0..nodes.len())
                .filter(|&i| nodes[i].tag.is_some())
                .collect();
            let parent = elements[rnd(elements.len())] as i32;
            if rnd(2) == 0 {
                let mut e = whosaid::Node::element(parent, TAGS[rnd(TAGS.len())]);
                if rnd(3) == 0 {
                    e.attrs
                        .insert("class".into(), CLASSES[rnd(CLASSES.len())].into());
                }
                nodes.push(e);
            } else {
                nodes.push(whosaid::Node::text(parent, TEXTS[rnd(TEXTS.len())]));
            }
        }
        // Children must follow their parents in document order: sort by
        // a pre-order walk of the random tree.
        let s = preorder(nodes);
        s.validate().expect("valid by construction"); // OK because: test
        let art = article::extract(&s);
        let mut last_end = 0;
        for b in &art.blocks {
            assert!(
                b.range.start >= last_end
                    && b.range.start <= b.range.end
                    && b.range.end <= art.text.len(),
                "round {round}"
            );
            assert!(
                art.text.is_char_boundary(b.range.start) && art.text.is_char_boundary(b.range.end)
            );
            last_end = b.range.end;
        }
        let mut last = 0;
        for seg in &art.segments {
            assert!(seg.text_start >= last, "round {round}: segments sorted");
            last = seg.text_start + seg.len;
            let node_text = s.nodes[seg.node]
                .text
                .as_deref()
                .expect("segments point at text nodes"); // OK because: test
            let ours = &art.text.as_bytes()[seg.text_start..seg.text_start + seg.len];
            let theirs = &node_text.as_bytes()[seg.node_start..seg.node_start + seg.len];
            for (a, b) in ours.iter().zip(theirs) {
                assert!(
                    a == b || (*a == b' ' && (b.is_ascii_whitespace() || *b == 0xc2)),
                    "round {round}: {ours:?} vs {theirs:?}"
                );
            }
        }
        let _ = analyze(&s, Kb::embedded(), &Options::default()).expect("valid");
        // OK because: test
    }
}

/// Reorders nodes so that every parent comes before its children, in a
/// pre-order walk (children in their original order).
fn preorder(nodes: Vec<whosaid::Node>) -> Snapshot {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (i, n) in nodes.iter().enumerate().skip(1) {
        children[n.parent as usize].push(i);
    }
    let mut order = Vec::new();
    let mut stack = vec![0usize];
    while let Some(i) = stack.pop() {
        order.push(i);
        stack.extend(children[i].iter().rev());
    }
    let mut new_index = vec![0usize; nodes.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let out = order
        .iter()
        .map(|&old| {
            let mut n = nodes[old].clone();
            if n.parent >= 0 {
                n.parent = new_index[n.parent as usize] as i32;
            }
            n
        })
        .collect();
    Snapshot { nodes: out }
}
