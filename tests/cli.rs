//! The `whosaid` command line, run as a process: output formats, errors and
//! exit codes, stdin, charsets, directories, caps.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_whosaid");

fn pages() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages")
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run whosaid") // OK because: test
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn whosaid"); // OK because: test
    let mut stdin = child.stdin.take().expect("stdin"); // OK because: test
    let data = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait"); // OK because: test
    let _ = writer.join();
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("whosaid-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir"); // OK because: test
    d
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}):\n{s}"))
}

fn article_path() -> String {
    pages().join("article-full.html").display().to_string()
}

#[test]
fn help_and_version() {
    let o = run(&["--help"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("Usage: whosaid"));
    assert!(stdout(&o).contains("--json"));
    let o = run(&["--version"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o).trim(),
        format!("whosaid {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["--frobnicate", "x.html"],
        &["--date", "yesterday", "x.txt"],
        &["--max-mb", "0", "x"],
        &["--date"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "one line: {err:?}");
        assert!(err.starts_with("whosaid: "), "{err:?}");
    }
}

#[test]
fn json_report_for_one_page() {
    let o = run(&["--json", &article_path()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r = json(&stdout(&o));
    assert_eq!(r["is_article"], true);
    assert_eq!(r["title"], "Council approves river bridge after long night");
    assert_eq!(r["date"], "2021-03-09");
    assert_eq!(r["lang"], "en");
    assert!(r["quotes"].as_array().is_some_and(|q| !q.is_empty()));
    assert!(r.get("text").is_none(), "text only with --text");
    let o = run(&["--json", "--text", &article_path()]);
    let r = json(&stdout(&o));
    assert!(r["text"]
        .as_str()
        .is_some_and(|t| t.starts_with("Council approves river bridge after long night\n\n")));
}

#[test]
fn table_is_plain_when_not_a_terminal_and_coloured_on_request() {
    let o = run(&[&article_path()]);
    assert!(o.status.success());
    let t = stdout(&o);
    assert!(
        !t.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    assert!(
        t.starts_with("Council approves river bridge after long night  (2021-03-09, en)\n"),
        "{t}"
    );
    assert!(
        t.contains("Quote") && t.contains("Speaker") && t.contains("Party") && t.contains("Cue")
    );
    assert!(t.contains("“We kept our promise.”"), "{t}");
    assert!(t.lines().last().is_some_and(|l| l.contains("quotation")));
    let o = run(&["--color", "always", &article_path()]);
    assert!(stdout(&o).contains("\x1b["));
    let o = Command::new(BIN)
        .args(["--color", "auto", &article_path()])
        .env("NO_COLOR", "1")
        .output()
        .expect("run"); // OK because: test
    assert!(!stdout(&o).contains('\x1b'));
}

#[test]
fn missing_unreadable_and_binary_inputs_fail_cleanly() {
    let dir = scratch("errors");
    let missing = dir.join("nope.html");
    let o = run(&[missing.to_str().expect("utf-8 path")]); // OK because: test
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim(),
        format!("whosaid: {}: no such file or directory", missing.display())
    );
    assert!(stdout(&o).is_empty());

    let png = dir.join("photo.html");
    std::fs::write(
        &png,
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0",
    )
    .expect("write"); // OK because: test
    let o = run(&[png.to_str().expect("utf-8 path")]); // OK because: test
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("binary data"), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1);

    let gz = dir.join("page.txt");
    std::fs::write(&gz, b"\x1f\x8b\x08\0\0\0\0\0\0\x03").expect("write"); // OK because: test
    let o = run(&[gz.to_str().expect("utf-8 path")]); // OK because: test
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("gzip"), "{}", stderr(&o));

    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"  \n").expect("write"); // OK because: test
    let o = run(&[empty.to_str().expect("utf-8 path")]); // OK because: test
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("empty input"));

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.join("locked.html");
        std::fs::write(&locked, b"<p>secret</p>").expect("write"); // OK because: test
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod"); // OK because: test
                                                                                                   // root can read anything; only check when the file really is unreadable.
        if std::fs::read(&locked).is_err() {
            let o = run(&[locked.to_str().expect("utf-8 path")]); // OK because: test
            assert_eq!(o.status.code(), Some(1));
            assert!(stderr(&o).contains("permission denied"), "{}", stderr(&o));
        }
    }
    // One bad input among good ones: the good ones are still reported.
    let o = run(&[&article_path(), missing.to_str().expect("utf-8 path")]); // OK because: test
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(json).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["is_article"], true);
    assert_eq!(lines[1]["error"], "no such file or directory");
}

#[test]
fn directory_gives_json_lines_with_file_names() {
    let o = run(&[pages().to_str().expect("utf-8 path")]); // OK because: test
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).lines().all(|l| l.starts_with("{\"file\":")),
        "the file name comes first"
    );
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(json).collect();
    let html_files = std::fs::read_dir(pages())
        .expect("pages") // OK because: test
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "html"))
        })
        .count();
    assert!(html_files >= 10);
    assert_eq!(lines.len(), html_files);
    for l in &lines {
        let f = l["file"].as_str().expect("file field"); // OK because: test
        assert!(f.ends_with(".html"), "{f}");
        assert!(l["quotes"].is_array());
    }
    let names: Vec<&str> = lines.iter().filter_map(|l| l["file"].as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "directory order is sorted");
    let home = lines
        .iter()
        .find(|l| l["file"].as_str().is_some_and(|f| f.ends_with("home.html")))
        .expect("home"); // OK because: test
    assert_eq!(home["is_article"], false);
}

#[test]
fn directories_without_articles_fail() {
    let empty = scratch("emptydir");
    std::fs::write(empty.join("notes.md"), "# not a page").expect("write"); // OK because: test
    let o = run(&[empty.to_str().expect("utf-8 path")]); // OK because: test
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no .html, .htm or .txt files"),
        "{}",
        stderr(&o)
    );

    let listy = scratch("listy");
    std::fs::copy(pages().join("home.html"), listy.join("home.html")).expect("copy"); // OK because: test
    std::fs::copy(pages().join("search.html"), listy.join("search.htm")).expect("copy"); // OK because: test
    let o = run(&[listy.to_str().expect("utf-8 path")]); // OK because: test
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no articles found"), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().count(),
        2,
        "the reports are still printed"
    );
}

#[test]
fn stdin_html_and_text_are_sniffed() {
    let html = std::fs::read(pages().join("article-full.html")).expect("page"); // OK because: test
    let o = run_stdin(&["--json", "-"], &html);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        json(&stdout(&o))["title"],
        "Council approves river bridge after long night"
    );

    let text = "Budget passes\n\n\u{201c}It is done,\u{201d} the mayor said.\n";
    let o = run_stdin(&["--json", "--text", "-"], text.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let r = json(&stdout(&o));
    assert_eq!(r["text"], text, "text input is analysed exactly");
    assert_eq!(r["quotes"][0]["text"], "It is done,");

    // Unknown extension: sniffed too.
    let dir = scratch("sniff");
    let odd = dir.join("saved-page.dat");
    std::fs::write(&odd, &html).expect("write"); // OK because: test
    let o = run(&["--json", odd.to_str().expect("utf-8 path")]); // OK because: test
    assert_eq!(
        json(&stdout(&o))["title"],
        "Council approves river bridge after long night"
    );
}

#[test]
fn windows_1252_page_decodes() {
    let p = pages().join("cp1252.html");
    let o = run(&["--json", "--text", p.to_str().expect("utf-8 path")]); // OK because: test
    assert!(o.status.success());
    let r = json(&stdout(&o));
    let text = r["text"].as_str().expect("text"); // OK because: test
    assert!(
        text.contains("\u{201c}I never wanted a fight,\u{201d} said Ren\u{e9}e Dubois"),
        "{text}"
    );
    assert_eq!(r["quotes"][0]["text"], "I never wanted a fight,");
    // The same bytes through stdin.
    let o = run_stdin(&["--json", "-"], &std::fs::read(&p).expect("page")); // OK because: test
    assert_eq!(
        json(&stdout(&o))["title"],
        "Caf\u{e9} owner wins zoning fight"
    );
    // A .txt file in windows-1252 (no declaration: not UTF-8, so 1252).
    let dir = scratch("cp1252txt");
    let t = dir.join("story.txt");
    std::fs::write(&t, b"\x93Fine,\x94 she said.\n").expect("write"); // OK because: test
    let o = run(&["--json", "--text", t.to_str().expect("utf-8 path")]); // OK because: test
    assert_eq!(
        json(&stdout(&o))["text"],
        "\u{201c}Fine,\u{201d} she said.\n"
    );
    // UTF-16 with a byte-order mark.
    let u = dir.join("utf16.txt");
    let bytes: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(
            "\u{201c}Fine,\u{201d} she said.\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    std::fs::write(&u, bytes).expect("write"); // OK because: test
    let o = run(&["--json", "--text", u.to_str().expect("utf-8 path")]); // OK because: test
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        json(&stdout(&o))["text"],
        "\u{201c}Fine,\u{201d} she said.\n"
    );
}

#[test]
fn date_option_sets_the_date_of_undated_text() {
    let o = run_stdin(
        &["--json", "--date", "2017-07-10", "-"],
        b"\"Hello,\" he said.\n",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json(&stdout(&o))["date"], "2017-07-10");
    let o = run_stdin(
        &["--json", "--date=2017-07-10", "-"],
        b"\"Hello,\" he said.\n",
    );
    assert_eq!(json(&stdout(&o))["date"], "2017-07-10");
}

#[test]
fn oversized_input_is_capped_and_says_so() {
    let dir = scratch("big");
    let big = dir.join("big.txt");
    let para = "\u{201c}We will keep going,\u{201d} the chairwoman said on Monday.\n\n";
    let content = para.repeat((3 << 20) / para.len());
    std::fs::write(&big, &content).expect("write"); // OK because: test
    let o = run(&[
        "--json",
        "--text",
        "--max-mb",
        "1",
        big.to_str().expect("utf-8 path"),
    ]); // OK because: test
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("partial") && err.contains("first 1 MB"),
        "{err}"
    );
    let r = json(&stdout(&o));
    assert_eq!(r["partial"], true);
    let text = r["text"].as_str().expect("text"); // OK because: test
    assert!(
        text.len() <= 1 << 20 && text.len() > (1 << 20) - 70_000,
        "{}",
        text.len()
    );
    assert!(
        content.starts_with(text),
        "the analysed text is a prefix of the file, cut at a line break"
    );
    // Under the cap: no warning, no flag.
    let o = run(&["--json", &article_path()]);
    assert!(stderr(&o).is_empty());
    assert!(json(&stdout(&o)).get("partial").is_none());
}

#[test]
fn closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    let dir = scratch("pipe");
    let page = std::fs::read(pages().join("article-full.html")).expect("page"); // OK because: test
    for i in 0..200 {
        std::fs::write(dir.join(format!("p{i:03}.html")), &page).expect("write");
        // OK because: test
    }
    let mut child = Command::new(BIN)
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn"); // OK because: test
    let mut first = String::new();
    {
        let out = child.stdout.take().expect("stdout"); // OK because: test
        BufReader::new(out)
            .read_line(&mut first)
            .expect("first line"); // OK because: test
                                   // Dropping the reader closes the pipe, like `whosaid dir | head -1`.
    }
    let o = child.wait_with_output().expect("wait"); // OK because: test
    assert!(first.starts_with("{\"file\":"));
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(o.status.code(), Some(101), "a panic exits with 101");
}
