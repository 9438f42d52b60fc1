//! The copydesk binary: parse arguments, call the library, print, and map the outcome to
//! an exit code: 0 clean, 1 findings at or above the failing severity, 2 usage, config,
//! rule-pack or I/O errors.

use clap::Parser;
use copydesk::run::baseline::{self, Baseline};
mod cli;

use cli::{
    BaselineArgs, CheckArgs, Cli, ColorChoice, Command, ProgressChoice, ReportArgs, RulesArgs,
};
use copydesk::diagnostic::Applicability;
use copydesk::diagnostic::Severity;
use copydesk::error::FileError;
use copydesk::outcome::ReportNeeds;
use copydesk::report::rules::Listing;
use copydesk::report::summary::{self, plural};
use copydesk::report::{self, Counts, OutputFormat, WriteOptions};
use copydesk::run::progress;
use copydesk::run::{self, CheckOptions, FixOptions, FixSummary, Gates, Profiles};
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

const EXIT_CLEAN: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        Command::Check(args) => check(args),
        Command::Fix(mut args) => {
            args.fix = true;
            check(args)
        }
        Command::Baseline(args) => write_baseline(args),
        Command::Report(args) => write_report(args),
        Command::Rules(args) => rules(args),
        Command::Explain { rule, config } => explain(&rule, config.as_deref()),
        Command::Tag { text } => tag(&text),
        Command::Init { force } => init(force),
        Command::Lsp => match copydesk::lsp::serve_stdio() {
            Ok(code) => code,
            Err(e) => {
                eprintln!("copydesk lsp: {e}");
                EXIT_ERROR
            }
        },
        Command::Completions { shell } => {
            finish_output(cli::generate::completions(shell, &mut io::stdout()))
        }
        Command::Man { out_dir: None } => finish_output(cli::generate::man(&mut io::stdout())),
        Command::Man { out_dir: Some(dir) } => match cli::generate::man_pages(&dir) {
            Ok(pages) => {
                pages
                    .iter()
                    .for_each(|p| eprintln!("wrote {}", p.display()));
                EXIT_CLEAN
            }
            Err(e) => {
                eprintln!("error: {}: {e}", dir.display());
                EXIT_ERROR
            }
        },
    };
    ExitCode::from(code)
}

fn stderr_color(choice: ColorChoice) -> bool {
    cli::color::for_stderr(choice)
}

fn print_file_errors(errors: &[FileError], color: bool) {
    let stderr = io::stderr();
    let mut lock = stderr.lock();
    for e in errors {
        let r = if color {
            e.render(&mut codespan_reporting::term::termcolor::Ansi::new(
                &mut lock,
            ))
        } else {
            e.render(&mut codespan_reporting::term::termcolor::NoColor::new(
                &mut lock,
            ))
        };
        if r.is_err() {
            let _ = writeln!(lock, "error: {e}");
        }
    }
}

fn check(args: CheckArgs) -> u8 {
    let started = Instant::now();
    if let Some(path) = &args.show_settings {
        let color = stderr_color(args.color);
        return cli::settings::show(&args, path, &|e| print_file_errors(e, color));
    }
    if args.diff
        && !matches!(
            args.format,
            OutputFormat::Human | OutputFormat::Concise | OutputFormat::Json
        )
    {
        let name = clap::ValueEnum::to_possible_value(&args.format);
        let name = name.as_ref().map_or("?", |v| v.get_name());
        eprintln!("error: --diff prints a diff, or with --format json a JSON report; not {name}");
        return EXIT_ERROR;
    }
    let gates = match Gates::load(
        args.baseline.as_deref(),
        args.min_severity.map(Severity::from),
        args.diff_base.as_deref(),
    ) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ERROR;
        }
    };
    let opts = CheckOptions {
        stdin_filename: args.stdin_filename.clone(),
        report_unused_suppressions: args.report_unused_suppressions,
        shard: args.shard,
        progress: progress_for(
            &args.files,
            matches!(
                args.format,
                OutputFormat::Human | OutputFormat::Concise | OutputFormat::Grouped
            ) && !args.quiet,
        ),
        // A baseline matches findings by the text around them; --diff-base counts lines.
        needs: ReportNeeds {
            text: args.format.needs().text || gates.need_text(),
            ..args.format.needs()
        },
        rules: args.rules.selection(),
        ..args.files.check_options(&args.paths)
    };
    let fixing = args.fix || args.diff || args.unsafe_fixes;
    if fixing && !args.diff && !args.paths.iter().any(|p| p.as_os_str() == "-") {
        // Ctrl-C: finish the writes under way, start no more, leave no temporary file.
        copydesk::run::interrupt::install();
    }
    let (mut outcome, fixes) = if fixing {
        let min = if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let (o, s) = run::fix(
            &opts,
            FixOptions {
                min,
                diff_only: args.diff,
            },
        );
        (o, Some(s))
    } else {
        (run::check(&opts), None)
    };
    print_warnings(&outcome);
    if !outcome.config_errors.is_empty() {
        print_file_errors(&outcome.config_errors, stderr_color(args.color));
        return EXIT_ERROR;
    }
    if let Some((path, applied)) = gates.apply(&mut outcome) {
        if !args.quiet {
            let gone: Vec<summary::Gone<'_>> = applied
                .gone
                .iter()
                .map(|e| (e.path.as_str(), e.line, e.rule.as_str(), e.text.as_str()))
                .collect();
            eprintln!("{}", summary::baseline(path, applied.known, &gone));
        }
    }
    let fail_on: Severity = args
        .fail_on
        .map(Severity::from)
        .or(outcome.fail_on)
        .unwrap_or(Severity::Warning);
    let color = cli::color::for_stdout(args.color, args.output_file.is_some());
    let mut out = cli::output::Output::new(args.output_file.clone());
    let written = match &fixes {
        Some(s) if args.diff && args.format == OutputFormat::Json => {
            let diffs: Vec<_> = s
                .diffs
                .iter()
                .map(|d| (d.path.as_str(), d.applied, d.diff.as_str()))
                .collect();
            report::json::write_with_diffs(&outcome, &diffs, args.statistics, &mut out)
        }
        Some(s) if args.diff => s
            .diffs
            .iter()
            .try_for_each(|d| out.write_all(d.diff.as_bytes())),
        Some(FixSummary {
            stdin_text: Some(t),
            ..
        }) => out.write_all(t.as_bytes()),
        _ => report::write(
            args.format,
            &outcome,
            WriteOptions {
                color,
                statistics: args.statistics,
                fail_on,
                // A report written to a file is laid out as for a pipe.
                width: report::width::terminal_width(
                    args.output_file.is_none() && io::stdout().is_terminal(),
                ),
            },
            &mut out,
        ),
    }
    .and_then(|_| out.finish());
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {e}");
            return EXIT_ERROR;
        }
    }
    for f in &outcome.failures {
        eprintln!("error: {}: {}", f.path, f.message);
    }
    let counts = Counts::of(&outcome);
    if args.statistics && args.format != OutputFormat::Json && counts.total() > 0 {
        let stderr = io::stderr();
        let mut err = stderr.lock();
        let _ = writeln!(err, "Problems per rule:");
        let _ = report::stats::write(&outcome, &mut err);
    }
    if let Some(s) = &fixes {
        for (path, rules) in &s.unstable {
            eprintln!(
                "warning: {path}: fixes did not settle after {} passes; rules {} undo each other (please report this as a bug)",
                copydesk::engine::fix::MAX_PASSES,
                rules.join(", ")
            );
        }
        if !args.quiet {
            eprintln!("{}", summary::fix(s.applied, s.files, &counts, args.diff));
        }
        if copydesk::run::interrupt::requested() {
            eprintln!(
                "interrupted: {} not started, left unchanged",
                plural(s.not_started, "file")
            );
            return copydesk::run::interrupt::EXIT_INTERRUPTED;
        }
        if !outcome.failures.is_empty() {
            return EXIT_ERROR;
        }
        if args.diff {
            return if s.diffs.is_empty() || args.exit_zero {
                EXIT_CLEAN
            } else {
                EXIT_FINDINGS
            };
        }
    }
    if matches!(args.format, OutputFormat::Human | OutputFormat::Grouped)
        && !args.quiet
        && fixes.is_none()
    {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!("{}", summary::check(&outcome, &counts, seconds));
    }
    if !outcome.failures.is_empty() {
        return EXIT_ERROR;
    }
    let failing = outcome
        .files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .any(|d| d.severity >= fail_on);
    let too_many = args.max_warnings.is_some_and(|max| counts.warning > max);
    if too_many && !args.quiet {
        eprintln!(
            "{} found; --max-warnings allows {}",
            plural(counts.warning, "warning"),
            args.max_warnings.unwrap_or_default()
        );
    }
    if (failing || too_many) && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Whether and when to show the progress bar: `auto` only on a terminal and only for
/// output meant for people (`for_people`).
fn progress_for(files: &cli::FileArgs, for_people: bool) -> Option<progress::Start> {
    match files.progress {
        ProgressChoice::Never => None,
        ProgressChoice::Always => Some(progress::Start::Now),
        ProgressChoice::Auto => {
            (for_people && io::stderr().is_terminal()).then_some(progress::Start::Delayed)
        }
    }
}

/// The run's warnings, on stderr.
fn print_warnings(outcome: &copydesk::outcome::Outcome) {
    for w in &outcome.warnings {
        eprintln!("warning: {w}");
    }
}

fn write_baseline(args: BaselineArgs) -> u8 {
    let opts = CheckOptions {
        progress: progress_for(&args.files, true),
        rules: args.rules.selection(),
        ..args.files.check_options(&args.paths)
    };
    let mut outcome = run::check(&opts);
    if !report_run_problems(&outcome) {
        return EXIT_ERROR;
    }
    if !outcome.failures.is_empty() {
        // A baseline without an unreadable file's findings would let them through later.
        for f in &outcome.failures {
            eprintln!("error: {}: {}", f.path, f.message);
        }
        eprintln!("error: baseline not written: some paths could not be linted");
        return EXIT_ERROR;
    }
    if let Some(min) = args.min_severity.map(Severity::from) {
        outcome.retain(|_, d| d.severity >= min);
    }
    let b = Baseline::of(&outcome, &baseline::base_dir(&args.output));
    if let Err(e) = b.write(&args.output) {
        eprintln!("error: {e}");
        return EXIT_ERROR;
    }
    let n = b.entries.len();
    eprintln!(
        "wrote {} to {} ({} checked)",
        if n == 1 {
            "1 entry".to_string()
        } else {
            format!("{n} entries")
        },
        copydesk::text::path::display(&args.output),
        plural(outcome.checked, "file")
    );
    EXIT_CLEAN
}

/// Prints a run's warnings and config errors (in plain colours: the commands that use
/// this write files, not a report on the terminal); false when there were config errors.
fn report_run_problems(outcome: &copydesk::outcome::Outcome) -> bool {
    print_warnings(outcome);
    if outcome.config_errors.is_empty() {
        return true;
    }
    print_file_errors(&outcome.config_errors, stderr_color(ColorChoice::Auto));
    false
}

/// `copydesk report`: lint, then write the HTML report (atomically, or to stdout).
fn write_report(args: ReportArgs) -> u8 {
    let baseline = match args.baseline.as_deref().map(Baseline::read).transpose() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ERROR;
        }
    };
    let opts = CheckOptions {
        progress: progress_for(&args.files, !args.quiet),
        needs: ReportNeeds {
            text: true,
            rules: true,
        },
        ..args.files.check_options(&args.paths)
    };
    let mut outcome = run::check(&opts);
    if !report_run_problems(&outcome) {
        return EXIT_ERROR;
    }
    if let Some(min) = args.min_severity.map(Severity::from) {
        outcome.retain(|_, d| d.severity >= min);
    }
    let known = match (&baseline, &args.baseline) {
        (Some(b), Some(path)) => Some(b.known(&outcome, &baseline::base_dir(path))),
        _ => None,
    };
    let html = report::html::ReportOptions {
        paths: args
            .paths
            .iter()
            .map(|p| copydesk::text::path::display(p))
            .collect(),
        baseline: args
            .baseline
            .as_deref()
            .zip(known.as_deref())
            .map(|(p, k)| (copydesk::text::path::display(p), k)),
    };
    let shown = copydesk::text::path::display(&args.output);
    let written = if args.output.as_os_str() == "-" {
        let mut out = io::BufWriter::new(io::stdout().lock());
        report::html::write(&outcome, html, &mut out)
    } else {
        let mut page = Vec::new();
        report::html::write(&outcome, html, &mut page)
            .and_then(|()| run::write_atomically(&args.output, &page))
    };
    if let Err(e) = written {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return EXIT_CLEAN;
        }
        eprintln!(
            "error: cannot write {shown}: {}",
            copydesk::text::path::io_message(&e)
        );
        return EXIT_ERROR;
    }
    for f in &outcome.failures {
        eprintln!("error: {}: {}", f.path, f.message);
    }
    if !args.quiet && args.output.as_os_str() != "-" {
        let counts = Counts::of(&outcome);
        eprintln!(
            "wrote {shown}: {} in {} ({} checked)",
            plural(counts.total(), "finding"),
            plural(outcome.files.len(), "file"),
            plural(outcome.checked, "file")
        );
    }
    if outcome.failures.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}

fn load_profile(config: Option<&Path>) -> Result<std::sync::Arc<copydesk::config::Profile>, u8> {
    let mut profiles = Profiles::new(false, None);
    let cfg = config
        .map(Path::to_path_buf)
        .or_else(|| profiles.discover(Path::new(".")));
    profiles.get(cfg.as_deref()).map_err(|errs| {
        print_file_errors(&errs, stderr_color(ColorChoice::Auto));
        EXIT_ERROR
    })
}

fn rules(args: RulesArgs) -> u8 {
    let profile = match load_profile(args.config.as_deref()) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let listing = if args.literals {
        Listing::Literals
    } else if args.json {
        Listing::Json
    } else {
        Listing::Table
    };
    finish_output(report::rules::write_list(
        &profile,
        listing,
        &mut io::stdout().lock(),
    ))
}

fn explain(id: &str, config: Option<&Path>) -> u8 {
    let profile = match load_profile(config) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let text = match report::rules::explain(&profile, id) {
        Ok(text) => text,
        Err(why) => {
            eprintln!("error: {why}");
            return EXIT_ERROR;
        }
    };
    finish_output(io::stdout().lock().write_all(text.as_bytes()))
}

/// The exit code after writing to standard output (a closed pipe is not an error).
pub(crate) fn finish_output(written: io::Result<()>) -> u8 {
    match written {
        Ok(()) => EXIT_CLEAN,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ERROR
        }
    }
}

const STARTER_CONFIG: &str = include_str!("starter.toml");

fn init(force: bool) -> u8 {
    let path = Path::new("copydesk.toml");
    if path.exists() && !force {
        eprintln!("error: copydesk.toml already exists (use --force to overwrite)");
        return EXIT_ERROR;
    }
    match std::fs::write(path, STARTER_CONFIG) {
        Ok(()) => {
            eprintln!("wrote copydesk.toml");
            EXIT_CLEAN
        }
        Err(e) => {
            eprintln!("error: cannot write copydesk.toml: {e}");
            EXIT_ERROR
        }
    }
}

/// `copydesk tag`: one line per token: the word, its tag in context, every tag the
/// lexicon allows, its lemma, and whether the dictionary knows it.
fn tag(words: &[String]) -> u8 {
    let text = if words.is_empty() {
        let mut s = String::new();
        if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s) {
            eprintln!("error: cannot read standard input: {e}");
            return 2;
        }
        s
    } else {
        words.join(" ")
    };
    let source = copydesk::text::source::SourceFile::new("<tag>", text);
    let prose = copydesk::text::markup::extract(
        &source.text,
        copydesk::text::markup::Format::Plain,
        &copydesk::text::markup::ExtractOptions::default(),
    );
    print!("{}", copydesk::report::tags::render(&prose));
    0
}
