//! The `whosaid` command line: prints a page's quotations as a table or JSON.
//!
//! ```text
//! whosaid [OPTIONS] FILE...       FILE: .html, .htm, .txt, a directory, or - for stdin
//! whosaid eval <polnear|seed> DIR  accuracy harness (src/eval.rs)
//! ```
//!
//! One file prints a table (or, with `--json`, the report); several files or
//! a directory print JSON Lines, one object per file with its name. Errors
//! are one line on stderr each, and make the exit status non-zero; nothing
//! here panics (broken pipes included).

use std::process::ExitCode;

#[cfg(target_arch = "wasm32")]
fn main() -> ExitCode {
    ExitCode::FAILURE
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("eval") {
        return whosaid::eval::cli(&args[1..]);
    }
    cli::run(&args)
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::{IsTerminal, Read, Write};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;
    use whosaid::report::{Report, SpeakerKind};
    use whosaid::{html, Kb, Options};

    /// Input read from one file is capped at this many MiB by default
    /// (`--max-mb` changes it). Beyond it the rest is not analysed and
    /// stderr says the result is partial.
    pub const DEFAULT_MAX_MB: u64 = 16;

    const USAGE: &str = "\
whosaid: finds every quotation in a news article, who said it, and their party

Usage: whosaid [OPTIONS] FILE...
       whosaid eval <polnear|seed> DIR [OPTIONS]

FILE is an .html/.htm page, a .txt article, a directory (searched for
.html, .htm and .txt files), or - for standard input. Other names are
sniffed: markup is read as HTML, anything else as text.

One file prints a table of its quotations (quote, speaker, party, cue);
several files or a directory print JSON Lines, one report per file with
a \"file\" field.

Options:
      --json          print the report as JSON (JSON Lines for several files)
      --text          keep the analysed text (in the JSON; printed above the table)
      --date DATE     the article's date (YYYY-MM-DD) when the page gives none
      --color WHEN    auto (default), always or never; NO_COLOR is respected
      --max-mb N      analyse at most the first N MB of each input (default 16)
  -h, --help          print this help
  -V, --version       print the version

Exit status: 0 when every input was read, 1 when some input failed (missing,
unreadable, binary, a directory without articles), 2 for a usage error.";

    struct Args {
        json: bool,
        text: bool,
        date: Option<whosaid::kb::Date>,
        color: Option<bool>,
        max_bytes: u64,
        inputs: Vec<String>,
    }

    enum Parsed {
        Run(Args),
        Exit(ExitCode),
    }

    fn parse(args: &[String]) -> Parsed {
        let mut a = Args {
            json: false,
            text: false,
            date: None,
            color: None,
            max_bytes: DEFAULT_MAX_MB << 20,
            inputs: Vec::new(),
        };
        let mut it = args.iter();
        let mut only_files = false;
        while let Some(arg) = it.next() {
            if only_files || arg == "-" || !arg.starts_with('-') {
                a.inputs.push(arg.clone());
                continue;
            }
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
                _ => (arg.as_str(), None),
            };
            let mut value = |what: &str| -> Option<String> {
                let v = inline.clone().or_else(|| it.next().cloned());
                if v.is_none() {
                    eprintln!("whosaid: {what} needs a value (see --help)");
                }
                v
            };
            match name {
                "--" => only_files = true,
                "-h" | "--help" => {
                    println!("{USAGE}");
                    return Parsed::Exit(ExitCode::SUCCESS);
                }
                "-V" | "--version" => {
                    println!("whosaid {}", env!("CARGO_PKG_VERSION"));
                    return Parsed::Exit(ExitCode::SUCCESS);
                }
                "--json" => a.json = true,
                "--text" => a.text = true,
                "--no-color" => a.color = Some(false),
                "--date" => {
                    let Some(v) = value("--date") else {
                        return Parsed::Exit(ExitCode::from(2));
                    };
                    match whosaid::article::parse_date(&v) {
                        Some(d) if v.trim().len() == 10 => a.date = Some(d),
                        _ => {
                            eprintln!("whosaid: --date: {v:?} is not a date like 2017-07-10");
                            return Parsed::Exit(ExitCode::from(2));
                        }
                    }
                }
                "--color" | "--colour" => {
                    let Some(v) = value("--color") else {
                        return Parsed::Exit(ExitCode::from(2));
                    };
                    a.color = match v.as_str() {
                        "auto" => None,
                        "always" => Some(true),
                        "never" => Some(false),
                        _ => {
                            eprintln!(
                                "whosaid: --color: expected auto, always or never, not {v:?}"
                            );
                            return Parsed::Exit(ExitCode::from(2));
                        }
                    };
                }
                "--max-mb" => {
                    let Some(v) = value("--max-mb") else {
                        return Parsed::Exit(ExitCode::from(2));
                    };
                    match v.parse::<u64>() {
                        Ok(mb) if (1..=4096).contains(&mb) => a.max_bytes = mb << 20,
                        _ => {
                            eprintln!("whosaid: --max-mb: expected a number of MB from 1 to 4096, not {v:?}");
                            return Parsed::Exit(ExitCode::from(2));
                        }
                    }
                }
                _ => {
                    eprintln!("whosaid: unknown option {arg} (see --help)");
                    return Parsed::Exit(ExitCode::from(2));
                }
            }
        }
        if a.inputs.is_empty() {
            eprintln!("whosaid: no input files (see --help)");
            return Parsed::Exit(ExitCode::from(2));
        }
        Parsed::Run(a)
    }

    /// One thing to analyse.
    struct Job {
        /// The name shown in messages and in the `file` field.
        name: String,
        /// `None` for standard input.
        path: Option<PathBuf>,
    }

    pub fn run(args: &[String]) -> ExitCode {
        let a = match parse(args) {
            Parsed::Run(a) => a,
            Parsed::Exit(code) => return code,
        };
        let mut failed = false;
        // Expand directories; report missing inputs as we go.
        let mut jobs: Vec<Job> = Vec::new();
        let mut dirs: Vec<(String, std::ops::Range<usize>)> = Vec::new();
        let mut several = a.inputs.len() > 1;
        for input in &a.inputs {
            if input == "-" {
                jobs.push(Job {
                    name: "-".into(),
                    path: None,
                });
                continue;
            }
            let p = Path::new(input);
            match std::fs::metadata(p) {
                Ok(m) if m.is_dir() => {
                    several = true;
                    let start = jobs.len();
                    match walk(p) {
                        Ok(files) if files.is_empty() => {
                            eprintln!(
                                "whosaid: {input}: no .html, .htm or .txt files in this directory"
                            );
                            failed = true;
                        }
                        Ok(files) => {
                            jobs.extend(files.into_iter().map(|f| Job {
                                name: f.display().to_string(),
                                path: Some(f),
                            }));
                        }
                        Err(e) => {
                            eprintln!("whosaid: {input}: {}", io_message(&e));
                            failed = true;
                        }
                    }
                    dirs.push((input.clone(), start..jobs.len()));
                }
                // Files, and names that cannot be read: the error is
                // reported (and, with several inputs, listed) when read.
                _ => jobs.push(Job {
                    name: input.clone(),
                    path: Some(p.to_path_buf()),
                }),
            }
        }
        let kb = Kb::embedded();
        // `..default()` so that options the engine adds later keep their
        // defaults here.
        #[allow(clippy::needless_update)]
        let opts = Options {
            keep_text: a.text,
            date: a.date,
            ..Options::default()
        };
        let color = a.color.unwrap_or_else(|| {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        });
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let mut articles = vec![false; jobs.len()];
        for (j, job) in jobs.iter().enumerate() {
            let result = read_job(job, a.max_bytes).and_then(|(bytes, partial)| {
                let report = analyse(job, &bytes, kb, &opts)?;
                Ok((report, partial))
            });
            let line = match result {
                Ok((report, partial)) => {
                    articles[j] = report.is_article;
                    if partial {
                        eprintln!(
                            "whosaid: {}: input larger than {} MB; only the first {} MB were analysed, the result is partial (--max-mb raises the limit)",
                            job.name,
                            a.max_bytes >> 20,
                            a.max_bytes >> 20
                        );
                    }
                    if several {
                        json_line(&job.name, Ok(&report), partial)
                    } else if a.json {
                        let pretty = serde_json::to_string_pretty(&report).unwrap_or_default();
                        if partial {
                            pretty.replacen("{\n", "{\n  \"partial\": true,\n", 1)
                        } else {
                            pretty
                        }
                    } else {
                        table(&report, color, a.text)
                    }
                }
                Err(msg) => {
                    eprintln!("whosaid: {}: {msg}", job.name);
                    failed = true;
                    if several {
                        json_line(&job.name, Err(&msg), false)
                    } else {
                        continue;
                    }
                }
            };
            if writeln!(out, "{line}").is_err() {
                // Broken pipe (`whosaid dir | head`): stop quietly.
                return if failed {
                    ExitCode::FAILURE
                } else {
                    ExitCode::SUCCESS
                };
            }
        }
        let _ = out.flush();
        for (dir, range) in &dirs {
            if !range.is_empty() && !articles[range.clone()].iter().any(|&x| x) {
                eprintln!("whosaid: {dir}: no articles found in this directory");
                failed = true;
            }
        }
        if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }

    /// The files under a directory that look like pages or articles, sorted,
    /// without recursion on the call stack and without following symbolic
    /// links to directories (no loops).
    fn walk(root: &Path) -> std::io::Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        let mut first = true;
        while let Some(dir) = stack.pop() {
            let rd = match std::fs::read_dir(&dir) {
                Ok(rd) => rd,
                Err(e) if first => return Err(e),
                Err(e) => {
                    eprintln!("whosaid: {}: {}", dir.display(), io_message(&e));
                    continue;
                }
            };
            first = false;
            let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            entries.sort();
            let mut subdirs = Vec::new();
            for p in entries {
                let hidden = p
                    .file_name()
                    .and_then(|f| f.to_str())
                    .is_some_and(|f| f.starts_with('.'));
                if hidden {
                    continue;
                }
                let Ok(meta) = std::fs::symlink_metadata(&p) else {
                    continue;
                };
                if meta.is_dir() {
                    subdirs.push(p);
                } else if kind_of(&p).is_some() {
                    out.push(p);
                }
            }
            stack.extend(subdirs.into_iter().rev());
        }
        Ok(out)
    }

    /// `Some(true)` for HTML file names, `Some(false)` for text, `None` when
    /// the name does not say.
    fn kind_of(p: &Path) -> Option<bool> {
        let ext = p.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" | "xhtml" | "shtml" => Some(true),
            "txt" | "text" => Some(false),
            _ => None,
        }
    }

    fn io_message(e: &std::io::Error) -> String {
        match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".into(),
            std::io::ErrorKind::PermissionDenied => "permission denied".into(),
            std::io::ErrorKind::IsADirectory => "is a directory".into(),
            _ => {
                let s = e.to_string();
                // "Invalid argument (os error 22)" → "invalid argument"
                let s = s.split(" (os error").next().unwrap_or(&s).to_string();
                let mut c = s.chars();
                c.next()
                    .map(|f| f.to_lowercase().chain(c).collect())
                    .unwrap_or(s)
            }
        }
    }

    /// Reads at most `max` bytes; true when there was more.
    fn read_job(job: &Job, max: u64) -> Result<(Vec<u8>, bool), String> {
        let mut bytes = Vec::new();
        let res = match &job.path {
            None => std::io::stdin()
                .lock()
                .take(max + 1)
                .read_to_end(&mut bytes),
            Some(p) => std::fs::File::open(p).and_then(|f| f.take(max + 1).read_to_end(&mut bytes)),
        };
        res.map_err(|e| io_message(&e))?;
        let partial = bytes.len() as u64 > max;
        if partial {
            // Cut at a line break (or a tag end) near the limit, and never
            // inside a UTF-8 sequence.
            let mut cut = max as usize;
            let window = cut.saturating_sub(1 << 16);
            if let Some(nl) = bytes[window..cut]
                .iter()
                .rposition(|&b| b == b'\n' || b == b'>')
            {
                cut = window + nl + 1;
            }
            while cut > 0 && (bytes[cut] & 0xC0) == 0x80 {
                cut -= 1;
            }
            bytes.truncate(cut);
        }
        Ok((bytes, partial))
    }

    fn analyse(job: &Job, bytes: &[u8], kb: &Kb, opts: &Options) -> Result<Report, String> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err("empty input".into());
        }
        let declared = job.path.as_deref().and_then(kind_of);
        let is_html = match declared {
            Some(k) => k,
            None => html::sniff_html(&html::decode(bytes, false).map_err(|e| e.to_string())?.text),
        };
        let decoded = html::decode(bytes, is_html).map_err(|e| e.to_string())?;
        if is_html {
            let snap = html::snapshot_from_html(&decoded.text);
            if std::env::var_os("WHOSAID_EXPLAIN").is_some() {
                eprintln!("{}", whosaid::article::explain(&snap).1);
            }
            whosaid::analyze(&snap, kb, opts).map_err(|e| e.to_string())
        } else {
            Ok(whosaid::analyze_text(&decoded.text, kb, opts))
        }
    }

    /// One JSON Lines record: `"file"` first, then the report's fields (or
    /// `"error"`), then `"partial"` when the input was capped.
    fn json_line(name: &str, report: Result<&Report, &str>, partial: bool) -> String {
        let file = serde_json::to_string(name).unwrap_or_else(|_| "\"\"".into());
        let body = match report {
            Ok(r) => serde_json::to_string(r).unwrap_or_else(|_| "{}".into()),
            Err(e) => serde_json::json!({ "error": e }).to_string(),
        };
        let mut members = vec![format!("\"file\":{file}")];
        if partial {
            members.push("\"partial\":true".into());
        }
        // `body` is one JSON object: its members go after ours.
        let inner = body
            .strip_prefix('{')
            .and_then(|b| b.strip_suffix('}'))
            .unwrap_or("");
        if !inner.is_empty() {
            members.push(inner.to_string());
        }
        format!("{{{}}}", members.join(","))
    }

    /// Cuts to `width` characters, with an ellipsis when cut.
    fn fit(s: &str, width: usize) -> String {
        let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.chars().count() <= width {
            return s;
        }
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }

    fn pad(s: &str, width: usize) -> String {
        let n = s.chars().count();
        format!("{s}{}", " ".repeat(width.saturating_sub(n)))
    }

    fn rgb(hex: &str) -> Option<(u8, u8, u8)> {
        let h = hex.strip_prefix('#')?;
        if h.len() != 6 {
            return None;
        }
        let v = u32::from_str_radix(h, 16).ok()?;
        Some(((v >> 16) as u8, (v >> 8) as u8, v as u8))
    }

    fn paint(on: bool, code: &str, s: &str) -> String {
        if on && !code.is_empty() {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// The human-readable table.
    fn table(r: &Report, color: bool, with_text: bool) -> String {
        let mut o = String::new();
        let title = r.title.as_deref().unwrap_or("(no title)");
        let mut head = paint(color, "1", title);
        let meta: Vec<&str> = [r.date.as_deref(), r.lang.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !meta.is_empty() {
            head.push_str(&paint(color, "2", &format!("  ({})", meta.join(", "))));
        }
        o.push_str(&head);
        o.push('\n');
        if !r.is_article {
            o.push_str(&paint(
                color,
                "33",
                "(this page does not look like a news article)",
            ));
            o.push('\n');
        }
        if with_text && !r.text.is_empty() {
            o.push('\n');
            o.push_str(&r.text);
            o.push_str("\n\n");
        }
        const W: [usize; 5] = [3, 52, 26, 6, 18];
        let header = format!(
            "{} {} {} {} {}",
            pad("#", W[0]),
            pad("Quote", W[1]),
            pad("Speaker", W[2]),
            pad("Party", W[3]),
            "Cue"
        );
        o.push_str(&paint(color, "1;4", &header));
        o.push('\n');
        for (i, q) in r.quotes.iter().enumerate() {
            let s = &q.speaker;
            let speaker = match s.kind {
                SpeakerKind::Unknown => "—".to_string(),
                SpeakerKind::Anonymous => format!("{} (anonymous)", s.name),
                _ => s.name.clone(),
            };
            let speaker = fit(&speaker, W[2]);
            let speaker_cell = pad(&speaker, W[2]);
            let speaker_cell = match s.kind {
                SpeakerKind::Unknown => paint(color, "2", &speaker_cell),
                _ => paint(color, "1", &speaker_cell),
            };
            let party = s
                .party
                .as_ref()
                .map(|p| p.short.clone())
                .or_else(|| s.role.as_ref().map(|_| String::new()));
            let party = fit(party.as_deref().unwrap_or(""), W[3]);
            let party_code = s
                .party
                .as_ref()
                .and_then(|p| rgb(&p.color))
                .map(|(r, g, b)| format!("1;38;2;{r};{g};{b}"))
                .unwrap_or_default();
            let party_cell = paint(color, &party_code, &pad(&party, W[3]));
            let quote = fit(&format!("“{}”", q.text), W[1]);
            let cue = fit(s.cue.as_deref().unwrap_or(""), W[4]);
            o.push_str(&format!(
                "{} {} {} {} {}\n",
                pad(&(i + 1).to_string(), W[0]),
                pad(&quote, W[1]),
                speaker_cell,
                party_cell,
                paint(color, "2", &cue)
            ));
        }
        let c = &r.counts;
        o.push_str(&paint(
            color,
            "2",
            &format!(
                "{} quotation{}, {} speaker{}, {} anonymous, {} unattributed",
                c.quotes,
                if c.quotes == 1 { "" } else { "s" },
                c.speakers,
                if c.speakers == 1 { "" } else { "s" },
                c.anonymous,
                c.unattributed
            ),
        ));
        o
    }
}
