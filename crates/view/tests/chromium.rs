//! The page in a real browser: headless Chromium opens it, and the DOM it renders (`--dump-dom`)
//! must hold one contract element per annotation and show the hostile text without running it.
//! Skips with a message when no Chromium is installed, unless `NEWSNLP_REQUIRE_CHROMIUM=1`
//! (`make test-view`, which `.ci/run` calls after installing Debian's `chromium`).

mod contract;

use newsnlp_doc::runner::Lines;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Longest a Chromium run may take before the test fails instead of hanging.
const LIMIT: Duration = Duration::from_secs(120);

/// `$CHROMIUM`, else the first of the usual binary names found on `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|candidate| candidate.is_file())
}

/// Runs Chromium headless with `args`, its stdout into `stdout`; fails on a non-zero exit or
/// after [`LIMIT`].
fn run_chromium(binary: &Path, args: &[String], stdout: &Path) {
    let profile =
        std::env::temp_dir().join(format!("newsnlp-view-chromium-{}", std::process::id()));
    let mut child = Command::new(binary)
        .args([
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdout(std::fs::File::create(stdout).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            panic!("{} ran longer than {LIMIT:?}", binary.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = std::fs::remove_dir_all(&profile);
    assert!(
        status.success(),
        "{} {args:?} failed: {status}",
        binary.display()
    );
}

#[test]
fn chromium_renders_every_annotation_and_runs_none_of_the_article_text() {
    let Some(binary) = chromium() else {
        assert!(
            std::env::var_os("NEWSNLP_REQUIRE_CHROMIUM").is_none(),
            "NEWSNLP_REQUIRE_CHROMIUM is set but no chromium binary was found"
        );
        eprintln!(
            "SKIPPED: no chromium binary on PATH (set CHROMIUM=/path, or apt-get install chromium)"
        );
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("view");
    std::fs::create_dir_all(&dir).unwrap();
    let input = contract::annotated_input();
    let page = dir.join("fixtures.html");
    let records = Lines::new("fixtures", input.as_bytes(), 1 << 20);
    newsnlp_view::write_page(records, std::fs::File::create(&page).unwrap(), "fixtures").unwrap();
    let url = format!("file://{}", page.display());

    let dump = dir.join("dom.html");
    // The hostile document is shown, so its text is laid out and any image in it would load.
    let hostile = input.lines().filter(|l| l.contains("\"text\"")).count() - 2;
    let args = [
        "--virtual-time-budget=3000".to_string(),
        "--dump-dom".into(),
        format!("{url}#d{hostile}"),
    ];
    run_chromium(&binary, &args, &dump);
    let dom = std::fs::read_to_string(&dump).unwrap();

    assert_eq!(contract::elements(&dom), contract::expected(&input));
    // The page's script ran (it marks the body) and shows the hostile document ...
    assert!(
        dom.contains("<body data-ready=\"13\">"),
        "the page's script did not run"
    );
    assert!(dom.contains(&format!(
        "<article id=\"d{hostile}\" class=\"doc\" data-doc=\"{hostile}\">"
    )));
    // ... whose script and image handlers did not run: the title is untouched and no image exists.
    assert!(dom.contains("<title>fixtures</title>"));
    assert!(!dom.contains("<img"));
    assert!(dom.contains("&lt;/script&gt; now,"));

    let seed = input
        .lines()
        .position(|l| l.contains("\"id\":\"tass-2016-11-24-lavrov\""))
        .unwrap();
    let screenshot = dir.join("seed.png");
    let args = [
        "--hide-scrollbars".to_string(),
        "--window-size=1400,1000".into(),
        format!("--screenshot={}", screenshot.display()),
        format!("{url}#d{seed}"),
    ];
    run_chromium(&binary, &args, &dir.join("screenshot.log"));
    assert!(std::fs::metadata(&screenshot).unwrap().len() > 10_000);
    println!("screenshot of the seed article: {}", screenshot.display());
}
