//! Command-line interface (clap derive). The help text is the doc comments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use copydesk::diagnostic::Severity;
use copydesk::report::OutputFormat;
use copydesk::run::shard::Shard;
use std::path::PathBuf;

/// copydesk: a fast prose linter for articles. Catches spelling variants, common errors
/// and unattributed claims in Markdown, HTML and plain text.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and directories (default: the current directory).
    Check(CheckArgs),
    /// Apply the fixes of fixable findings, then report what remains (same options as check).
    Fix(CheckArgs),
    /// Write a baseline of the current findings, for `check --baseline`.
    Baseline(BaselineArgs),
    /// Write an HTML report of the findings (one self-contained file): totals, findings
    /// per rule, the articles with most findings, a table to filter and sort, each
    /// article's findings in context.
    Report(ReportArgs),
    /// List every rule: id, kind, severity and a one-line description.
    Rules(RulesArgs),
    /// Show a rule's description, link and examples.
    Explain {
        /// The rule id, e.g. `errors.eggcorns`.
        rule: String,
        /// A config file (for rules from its packs).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Show how copydesk reads a sentence: each token with its part of speech (the tag
    /// pattern rules test) and lemma, and the dictionary's verdict.
    Tag {
        /// The text; read from standard input when not given.
        text: Vec<String>,
    },
    /// Write a commented starter copydesk.toml in the current directory.
    Init {
        /// Overwrite an existing copydesk.toml.
        #[arg(long)]
        force: bool,
    },
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Severity levels on the command line (`--fail-on`, `--min-severity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    /// Errors only.
    Error,
    /// Warnings and errors.
    Warning,
    /// Every finding.
    Info,
}

impl From<Level> for Severity {
    fn from(l: Level) -> Severity {
        match l {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

/// `copydesk check`
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and directories to lint; `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Lowest severity that makes the exit code 1 [default: warning, or the config's fail-on].
    #[arg(long, value_enum)]
    pub fail_on: Option<Level>,
    /// Which files, with which configuration.
    #[command(flatten)]
    pub files: FileArgs,
    /// Name to lint standard input as (picks the format and the config).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Report suppression comments that suppressed nothing.
    #[arg(long)]
    pub report_unused_suppressions: bool,
    /// Apply safe fixes and report what remains (what `copydesk fix` does).
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes (consistency choices, a/an).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// With fix: print a unified diff of the changes and write nothing; exit 1 if there are any.
    #[arg(long)]
    pub diff: bool,
    /// Print no summary line on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Hide findings below this severity, from every format and from the counts.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<Level>,
    /// Exit 1 when there are more than N warnings, even if --fail-on would pass.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Print the number of findings per rule on stderr (in json output: "statistics").
    #[arg(long)]
    pub statistics: bool,
    /// Report only findings that are not in this baseline file (see `copydesk baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Report only findings on lines added or changed since this git revision.
    #[arg(long, value_name = "REV")]
    pub diff_base: Option<String>,
    /// Lint only shard K of N (by a hash of each file's path), e.g. 2/4.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
}

/// Options shared by every command that walks and lints files.
#[derive(Debug, Args)]
pub struct FileArgs {
    /// Use this config file for every path instead of searching for copydesk.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Skip paths matching this glob (repeatable; gitignore syntax).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Do not honour .gitignore/.ignore files or skip hidden files.
    #[arg(long)]
    pub no_ignore: bool,
    /// Threads for the walk and for linting, N of each [default: all cores].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Lint every file, neither reading nor writing the result cache (also: the
    /// environment variable COPYDESK_NO_CACHE=1).
    #[arg(long)]
    pub no_cache: bool,
    /// Where the result cache lives [default: $COPYDESK_CACHE_DIR, or .copydesk_cache in
    /// the current directory].
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    pub cache_dir: Option<PathBuf>,
    /// When to show a progress bar on stderr: auto shows one on a terminal for runs
    /// longer than a second, never in machine formats or with --quiet.
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    pub progress: ProgressChoice,
}

/// When to show the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressChoice {
    /// On a terminal, for human and concise output, after a second.
    Auto,
    /// Always, from the start (even when stderr is not a terminal).
    Always,
    /// Never.
    Never,
}

impl FileArgs {
    /// The cache directory, or `None` when caching is off. The flags win over the
    /// environment, and the environment over the default.
    pub fn cache_dir(&self) -> Option<PathBuf> {
        if self.no_cache {
            return None;
        }
        if let Some(d) = &self.cache_dir {
            return Some(d.clone());
        }
        if std::env::var_os("COPYDESK_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0") {
            return None;
        }
        Some(
            std::env::var_os("COPYDESK_CACHE_DIR")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(copydesk::run::DEFAULT_CACHE_DIR)),
        )
    }

    /// The lint options these arguments describe, for `paths`.
    pub fn check_options(&self, paths: &[PathBuf]) -> copydesk::run::CheckOptions {
        copydesk::run::CheckOptions {
            paths: paths.to_vec(),
            config: self.config.clone(),
            walk: copydesk::run::WalkOptions {
                no_ignore: self.no_ignore,
                exclude: self.exclude.clone(),
            },
            threads: self.threads,
            cache_dir: self.cache_dir(),
            ..copydesk::run::CheckOptions::default()
        }
    }
}

/// `copydesk baseline`
#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Files and directories to lint.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Where to write the baseline; its entries' paths are relative to its directory.
    #[arg(long, short, value_name = "FILE", default_value = copydesk::run::baseline::DEFAULT_FILE)]
    pub output: PathBuf,
    /// Which files, with which configuration.
    #[command(flatten)]
    pub files: FileArgs,
    /// Leave findings below this severity out of the baseline.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<Level>,
}

/// `copydesk rules`
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A config file (includes its rule packs and shows what it enables).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Print every literal word and phrase the enabled rules search for, one per line
    /// (the shared matcher's pattern list; `scripts/bench` feeds it to ripgrep).
    #[arg(long, conflicts_with = "json")]
    pub literals: bool,
}

/// `copydesk report`
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Files and directories to lint.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Where to write the report (`-`: standard output).
    #[arg(
        long,
        short,
        value_name = "FILE",
        default_value = "copydesk-report.html"
    )]
    pub output: PathBuf,
    /// Mark the findings that are not in this baseline file as new.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Leave findings below this severity out of the report.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<Level>,
    /// Which files, with which configuration.
    #[command(flatten)]
    pub files: FileArgs,
    /// Print nothing on stderr but errors.
    #[arg(long, short)]
    pub quiet: bool,
}
