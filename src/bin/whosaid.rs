//! The `whosaid` command line: prints a page's quotations as a table or JSON.

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
    let json = args.iter().any(|a| a == "--json");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let kb = whosaid::Kb::embedded();
    for f in files {
        let src = match std::fs::read_to_string(f) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("whosaid: {f}: {e}");
                return ExitCode::from(2);
            }
        };
        let opts = whosaid::Options::default();
        let report = if f.ends_with(".html") || f.ends_with(".htm") {
            let snap = whosaid::html::snapshot_from_html(&src);
            whosaid::analyze(&snap, kb, &opts).unwrap_or_default()
        } else {
            whosaid::analyze_text(&src, kb, &opts)
        };
        if json {
            println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
        } else {
            for q in &report.quotes {
                println!("{:<60} {}", q.text.chars().take(60).collect::<String>(), q.speaker.name);
            }
        }
    }
    ExitCode::SUCCESS
}
