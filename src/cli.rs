//! Command-line interface (clap derive). The help text is the doc comments; `check`'s
//! options are grouped under headings. [`color`] decides colour, [`output`] where a
//! report goes, [`generate`] writes shell completions and the man page.

pub mod color;
pub mod generate;
pub mod output;
pub mod settings;

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
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write one page per command into a directory.
    Man {
        /// Write copydesk.1, copydesk-check.1, ... into this directory.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
    /// Run the language server on standard input and output, for editors (see README:
    /// Editors).
    Lsp,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal; NO_COLOR (set, not empty) turns it off, FORCE_COLOR (set,
    /// not empty or 0) on where there is no terminal; NO_COLOR wins.
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
    /// Which rules (first in the help).
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "human", help_heading = OUTPUT)]
    pub format: OutputFormat,
    /// Write the report to FILE (atomically, without colour) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE", help_heading = OUTPUT)]
    pub output_file: Option<PathBuf>,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value = "auto", help_heading = OUTPUT)]
    pub color: ColorChoice,
    /// Print no summary line on stderr.
    #[arg(long, short, help_heading = OUTPUT)]
    pub quiet: bool,
    /// Print the number of findings per rule on stderr (in json output: "statistics").
    #[arg(long, help_heading = OUTPUT)]
    pub statistics: bool,
    /// Print the settings and rules that apply to PATH, with where each comes from
    /// (default, which config file, an override, the command line), and exit.
    #[arg(long, value_name = "PATH", help_heading = OUTPUT)]
    pub show_settings: Option<PathBuf>,
    /// Lowest severity that makes the exit code 1 [default: warning, or the config's fail-on].
    #[arg(long, value_enum, help_heading = EXIT)]
    pub fail_on: Option<Level>,
    /// Exit 1 when there are more than N warnings, even if --fail-on would pass.
    #[arg(long, value_name = "N", help_heading = EXIT)]
    pub max_warnings: Option<usize>,
    /// Exit 0 even when there are findings (errors in usage, config or files still exit 2).
    #[arg(long, help_heading = EXIT)]
    pub exit_zero: bool,
    /// Hide findings below this severity, from every format and from the counts.
    #[arg(long, value_enum, value_name = "LEVEL", help_heading = FINDINGS)]
    pub min_severity: Option<Level>,
    /// Report only findings that are not in this baseline file (see `copydesk baseline`).
    #[arg(long, value_name = "FILE", help_heading = FINDINGS)]
    pub baseline: Option<PathBuf>,
    /// Report only findings on lines added or changed since this git revision.
    #[arg(long, value_name = "REV", help_heading = FINDINGS)]
    pub diff_base: Option<String>,
    /// Report suppression comments that suppressed nothing.
    #[arg(long, help_heading = FINDINGS)]
    pub report_unused_suppressions: bool,
    /// Apply safe fixes and report what remains (what `copydesk fix` does).
    #[arg(long, help_heading = FIXING)]
    pub fix: bool,
    /// Also apply unsafe fixes (consistency choices, a/an).
    #[arg(long, help_heading = FIXING)]
    pub unsafe_fixes: bool,
    /// With fix: print a unified diff of the changes (with --format json: a JSON
    /// report with the diffs) and write nothing; exit 1 if there are any.
    #[arg(long, help_heading = FIXING)]
    pub diff: bool,
    /// Which files, with which configuration.
    #[command(flatten)]
    pub files: FileArgs,
    /// Name to lint standard input as (picks the format and the config).
    #[arg(long, value_name = "PATH", help_heading = FILES)]
    pub stdin_filename: Option<PathBuf>,
    /// Lint only shard K of N (by a hash of each file's path), e.g. 2/4.
    #[arg(long, value_name = "K/N", help_heading = FILES)]
    pub shard: Option<Shard>,
}

// Help headings, in the order `check --help` shows them.
const RULES: &str = "Rule selection";
const OUTPUT: &str = "Output";
const EXIT: &str = "Exit status";
const FINDINGS: &str = "Filtering findings";
const FIXING: &str = "Fixing";
const FILES: &str = "Files";
const CACHING: &str = "Caching";

/// Rules chosen on the command line: the same selectors as the config's `enable` and
/// `disable` (ids, `pack.*`, `*`), applied after the config and its overrides.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Only these rules (comma-separated or repeated), instead of the config's set.
    #[arg(long, value_name = "RULES", value_delimiter = ',', help_heading = RULES)]
    pub select: Option<Vec<String>>,
    /// Also turn these rules on (as the config's `enable`).
    #[arg(long, value_name = "RULES", value_delimiter = ',', help_heading = RULES)]
    #[arg(visible_alias = "extend-select")]
    pub enable: Vec<String>,
    /// Turn these rules off (as the config's `disable`); wins over --select and --enable.
    #[arg(long, value_name = "RULES", value_delimiter = ',', help_heading = RULES)]
    #[arg(visible_alias = "ignore")]
    pub disable: Vec<String>,
}

impl RuleArgs {
    /// The selection for the library.
    pub fn selection(&self) -> copydesk::config::Selection {
        copydesk::config::Selection {
            select: self.select.clone(),
            enable: self.enable.clone(),
            disable: self.disable.clone(),
        }
    }
}

/// Options shared by every command that walks and lints files.
#[derive(Debug, Args)]
pub struct FileArgs {
    /// Use this config file for every path instead of searching for copydesk.toml.
    #[arg(long, value_name = "FILE", help_heading = FILES)]
    pub config: Option<PathBuf>,
    /// Skip paths matching this glob (repeatable; gitignore syntax).
    #[arg(long, value_name = "GLOB", help_heading = FILES)]
    pub exclude: Vec<String>,
    /// Do not honour .gitignore/.ignore files or skip hidden files.
    #[arg(long, help_heading = FILES)]
    pub no_ignore: bool,
    /// Threads for the walk and for linting, N of each [default: all cores].
    #[arg(long, value_name = "N", help_heading = FILES)]
    pub threads: Option<usize>,
    /// Lint every file, neither reading nor writing the result cache (also: the
    /// environment variable COPYDESK_NO_CACHE=1).
    #[arg(long, help_heading = CACHING)]
    pub no_cache: bool,
    /// Where the result cache lives [default: $COPYDESK_CACHE_DIR, or .copydesk_cache at
    /// the project root: the directory of the nearest copydesk.toml, else of .git].
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache", help_heading = CACHING)]
    pub cache_dir: Option<PathBuf>,
    /// Judge names as of this year (e.g. 2004 for an archive): renames adopted later are
    /// not reported. Wins over the articles' front-matter dates and the config's `as-of`.
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1000..3000), help_heading = RULES)]
    pub as_of: Option<i32>,
    /// When to show a progress bar on stderr: auto shows one on a terminal for runs
    /// longer than a second, never in machine formats or with --quiet.
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN", help_heading = OUTPUT)]
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
        self.cache_setting().0
    }

    /// The cache directory (`None`: off) and what decided it.
    pub fn cache_setting(&self) -> (Option<PathBuf>, &'static str) {
        if self.no_cache {
            return (None, "--no-cache");
        }
        if let Some(d) = &self.cache_dir {
            return (Some(d.clone()), "--cache-dir");
        }
        if std::env::var_os("COPYDESK_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0") {
            return (None, "COPYDESK_NO_CACHE");
        }
        if let Some(d) = std::env::var_os("COPYDESK_CACHE_DIR").filter(|v| !v.is_empty()) {
            return (Some(PathBuf::from(d)), "COPYDESK_CACHE_DIR");
        }
        let start = std::path::Path::new(".");
        let root = copydesk::config::project_root(start, self.config.as_deref());
        // Shown relative to the working directory when it is the project root.
        let dir =
            copydesk::config::relative_to(&root.join(copydesk::run::DEFAULT_CACHE_DIR), start);
        (Some(dir), "default (the project root)")
    }

    /// The lint options these arguments describe, for `paths` (the rule selection is
    /// the caller's: [`RuleArgs::selection`]).
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
            as_of: self.as_of,
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
    /// Which rules.
    #[command(flatten)]
    pub rules: RuleArgs,
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
