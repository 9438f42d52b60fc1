//! Rules that read context (issue 22): one test per row of the table (tables in
//! plain text, deliberate repetition, dated renames and glosses, names and dialects,
//! whole-word a/an exceptions, fixes that never make things worse), and the ways the
//! date and dialect reach the rules (front matter, configuration, overrides, `--as-of`).
//! Every text here is written for the test.

mod common;
use common::{run, tmp, write};

use copydesk::diagnostic::Applicability;
use copydesk::engine::{self, fix, RuleSettings};
use copydesk::lang::dialect::Dialect;
use copydesk::rules::house::{House, SentenceSpacing};
use copydesk::text::markup::{ExtractOptions, Format};
use copydesk::text::source::SourceFile;

/// The rule ids and matched texts of `text` linted as `format` with the default rules
/// and the given house settings.
fn findings_as(text: &str, format: Format, house: House) -> Vec<(String, String)> {
    let reg = copydesk::Registry::builtin().unwrap_or_else(|e| panic!("{e}"));
    let mut settings = RuleSettings::defaults(reg);
    settings.house = house;
    let source = SourceFile::new("doc", text.to_string());
    engine::lint(&source, format, &ExtractOptions::default(), reg, &settings)
        .into_iter()
        .map(|d| (d.rule.to_string(), text[d.span.range()].to_string()))
        .collect()
}

fn findings(text: &str) -> Vec<(String, String)> {
    findings_as(text, Format::Plain, House::default())
}

fn of(rule: &str, found: &[(String, String)]) -> Vec<String> {
    found
        .iter()
        .filter(|(r, _)| r == rule)
        .map(|(_, t)| t.clone())
        .collect()
}

fn as_of(year: i32) -> House {
    House {
        as_of: Some(year),
        ..House::default()
    }
}

// typography.spaces: column gaps of fixed-width tables and a poll box.

#[test]
fn spaces_skip_the_columns_of_a_plain_text_table() {
    let text = "The league table after Saturday:\n\n\
                Club          Played   Points\n\
                Harbour Town  12       30\n\
                Millbrook     12       nil\n\n\
                The season ends in May.";
    assert_eq!(
        of("typography.spaces", &findings(text)),
        Vec::<String>::new()
    );
    let poll = "Should the bypass be built?\n\nYes   No\n\nVote by Friday.";
    assert_eq!(
        of("typography.spaces", &findings(poll)),
        Vec::<String>::new()
    );
    // Running prose is still checked, and gets a safe fix.
    let prose = "The committee met  on Tuesday.";
    assert_eq!(of("typography.spaces", &findings(prose)), ["  "]);
}

#[test]
fn words_in_table_cells_are_still_checked_one_by_one() {
    let text = "Club          Ground         Notes\nHarbour Town  Riverside      a seperate stand\nMillbrook     Kiev Road      none";
    let found = findings(text);
    assert!(
        found.iter().any(|(_, t)| t == "seperate"),
        "a misspelling in a cell: {found:?}"
    );
}

// errors.doubled-words: across a table's columns; deliberate repetition in quotations.

#[test]
fn doubled_words_skip_table_columns_and_deliberate_speech() {
    let table = "Result     First half     Second half\nDraw       nil            nil\nWin        nil     nil";
    assert_eq!(
        of("errors.doubled-words", &findings(table)),
        Vec::<String>::new()
    );
    let speech = "“I was really really nervous,” the goalkeeper said. “No no no, not again.”";
    assert_eq!(
        of("errors.doubled-words", &findings(speech)),
        Vec::<String>::new()
    );
    let slip = "The coach said the the team had trained hard.";
    assert_eq!(of("errors.doubled-words", &findings(slip)), ["the the"]);
}

// variants.places: names correct when the article was written; glosses; titles of works.

#[test]
fn renames_apply_only_from_their_year() {
    let old =
        "Trade officials in Peking said exports to Bombay and Kiev rose, and Swaziland agreed.";
    assert_eq!(
        of(
            "variants.places",
            &findings_as(old, Format::Plain, as_of(1987))
        ),
        Vec::<String>::new()
    );
    // In 2005: Mumbai was in use (1995); Kyiv (2019) and Eswatini (2018) were not.
    let found = findings_as(old, Format::Plain, as_of(2005));
    assert_eq!(of("variants.places", &found), ["Peking", "Bombay"]);
    // No date: every rename applies.
    assert_eq!(
        of("variants.places", &findings(old)),
        ["Peking", "Bombay", "Kiev", "Swaziland"]
    );
}

#[test]
fn the_front_matter_date_decides_and_the_command_line_wins() {
    let md = "---\ntitle: Trade\ndate: 2004-11-02\n---\n\nOfficials in Kiev met envoys from Swaziland in Bombay.\n";
    assert_eq!(
        of(
            "variants.places",
            &findings_as(md, Format::Markdown, House::default())
        ),
        ["Bombay"]
    );
    // A configured year gives way to the article's own date ...
    assert_eq!(
        of(
            "variants.places",
            &findings_as(md, Format::Markdown, as_of(1980))
        ),
        ["Bombay"]
    );
    // ... and the command line's to neither.
    let fixed = House {
        as_of: Some(1980),
        as_of_fixed: true,
        ..House::default()
    };
    assert_eq!(
        of("variants.places", &findings_as(md, Format::Markdown, fixed)),
        Vec::<String>::new()
    );
}

#[test]
fn old_names_as_glosses_titles_and_quotations_are_kept() {
    let text = "Mumbai (Bombay) has grown fast. Chennai, formerly Madras, and Kolkata, then called Calcutta, followed. \
                The film Salaam Bombay! opened in 1988. “I still say Bombay,” a driver said.";
    assert_eq!(of("variants.places", &findings(text)), Vec::<String>::new());
    assert_eq!(
        of("variants.places", &findings("Flights to Bombay resumed.")),
        ["Bombay"]
    );
}

// variants.us-uk: names; judgment in British English; the project's dialect.

#[test]
fn names_are_not_spelling_variants() {
    let text =
        "The actress Honor Blackman opened the plant. Alcan Aluminium Ltd and Alcan Aluminum Corp \
                signed; the board wanted to honor the deal.";
    assert_eq!(of("variants.us-uk", &findings(text)), Vec::<String>::new());
}

#[test]
fn judgment_is_no_pair_in_british_english() {
    let text = "The court gave judgment on Monday. In the minister's judgement, it was fair.";
    let gb = House {
        dialect: Some(Dialect::Gb),
        ..House::default()
    };
    assert_eq!(
        of("variants.us-uk", &findings_as(text, Format::Plain, gb)),
        Vec::<String>::new()
    );
    // Without a dialect, a British article (its other forms) is read as British ...
    let british = "The court gave judgment on Monday. In the minister's judgement, the colour of it was plain.";
    assert_eq!(
        of("variants.us-uk", &findings(british)),
        Vec::<String>::new()
    );
    // ... and an article with nothing else to go by is judged as before, except that a
    // court's judgment is spelled so everywhere.
    assert_eq!(of("variants.us-uk", &findings(text)), Vec::<String>::new());
    let plain = "The judgment was final. In the minister's judgement, it was fair.";
    assert_eq!(of("variants.us-uk", &findings(plain)), ["judgement"]);
}

#[test]
fn the_project_dialect_decides_instead_of_the_first_form() {
    let text = "The color scheme was new. The colour of the logo stayed.";
    assert_eq!(of("variants.us-uk", &findings(text)), ["colour"]);
    let gb = House {
        dialect: Some(Dialect::Gb),
        ..House::default()
    };
    assert_eq!(
        of("variants.us-uk", &findings_as(text, Format::Plain, gb)),
        ["color"]
    );
}

// errors.a-an: exceptions are whole words; names; initialisms by how they are read.

#[test]
fn article_exceptions_match_whole_words() {
    let found = findings("Keepers moved a hive and a hiver near an HIV clinic.");
    assert_eq!(of("errors.a-an", &found), Vec::<String>::new());
    let found = findings("Keepers moved an hive to the orchard.");
    assert_eq!(of("errors.a-an", &found), ["an"]);
    let found = findings("An Wang built the company; the An Giang delta flooded.");
    assert_eq!(of("errors.a-an", &found), Vec::<String>::new());
}

#[test]
fn initialisms_take_the_article_of_how_they_are_read() {
    let good = "An FBI agent, an NHS trust, an MP and an SEC filing; a UN agency, a NATO summit, a NASA probe and a UNESCO site.";
    assert_eq!(of("errors.a-an", &findings(good)), Vec::<String>::new());
    let bad = "A FBI agent met an NATO envoy and an UN official.";
    assert_eq!(of("errors.a-an", &findings(bad)), ["A", "an", "an"]);
}

// fix: a fix never makes a text worse.

#[test]
fn a_fix_never_glues_letters_into_a_non_word() {
    let reg = copydesk::Registry::builtin().unwrap_or_else(|e| panic!("{e}"));
    let settings = RuleSettings::defaults(reg);
    let text = "Its's gratifying to see the results.";
    let source = SourceFile::new("doc", text.to_string());
    let diags = engine::lint(
        &source,
        Format::Plain,
        &ExtractOptions::default(),
        reg,
        &settings,
    );
    assert!(diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .all(|f| f.applicability != Applicability::Safe));
    let (fixed, _) = fix::apply(text, &diags, Applicability::Safe);
    assert_eq!(fixed, text);
}

// Sentence spacing.

#[test]
fn sentence_spacing_follows_the_house_setting() {
    let text = "The vote was final.  The council adjourned. It rained.";
    let rule = "typography.sentence-spacing";
    assert_eq!(of(rule, &findings(text)), ["  "]);
    let any = House {
        sentence_spacing: SentenceSpacing::Any,
        ..House::default()
    };
    assert!(findings_as(text, Format::Plain, any).is_empty());
    let two = House {
        sentence_spacing: SentenceSpacing::Two,
        ..House::default()
    };
    let found = findings_as(text, Format::Plain, two);
    assert_eq!(of("typography.sentence-spacing-two", &found), [" "]);
    assert!(of(rule, &found).is_empty());
}

// The year and the dialect through the configuration and the command line.

#[test]
fn config_override_and_command_line_set_the_year() {
    let dir = tmp();
    write(
        &dir.path().join("copydesk.toml"),
        "as-of = 2005\n\n[[overrides]]\nfiles = [\"archive/**\"]\nas-of = 1987\n",
    );
    std::fs::create_dir_all(dir.path().join("archive")).unwrap_or_else(|e| panic!("{e}"));
    let text = "Envoys from Peking and Kiev met in Bombay.\n";
    write(&dir.path().join("new.txt"), text);
    write(&dir.path().join("archive/old.txt"), text);
    let (_, out, err) = run(dir.path(), &["check", "--format", "concise", "."]);
    assert!(err.is_empty() || !err.contains("error"), "{err}");
    let new: Vec<&str> = out.lines().filter(|l| l.contains("new.txt")).collect();
    let old: Vec<&str> = out.lines().filter(|l| l.contains("old.txt")).collect();
    assert_eq!(new.len(), 2, "{out}");
    assert!(new.iter().all(|l| !l.contains("Kiev")), "{out}");
    assert!(old.is_empty(), "{out}");
    let (_, out, _) = run(
        dir.path(),
        &["check", "--format", "concise", "--as-of", "2020", "."],
    );
    assert_eq!(
        out.lines().filter(|l| l.contains("old.txt")).count(),
        3,
        "{out}"
    );
    let (code, _, err) = run(dir.path(), &["check", "--as-of", "nineteen", "."]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn unknown_sentence_spacing_is_a_config_error() {
    let dir = tmp();
    write(
        &dir.path().join("copydesk.toml"),
        "sentence-spacing = \"three\"\n",
    );
    write(&dir.path().join("a.txt"), "Fine.\n");
    let (code, _, err) = run(dir.path(), &["check", "a.txt"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("sentence-spacing"), "{err}");
}

#[test]
fn markdown_tables_and_code_and_html_pre_are_not_running_prose() {
    let md = "Scores:\n\n| Club | First half | Second half |\n| --- | --- | --- |\n| Rovers | nil | nil |\n\n    Rovers      nil     nil\n    the the\n\nThe end.\n";
    let found = findings_as(md, Format::Markdown, House::default());
    assert_eq!(of("errors.doubled-words", &found), Vec::<String>::new());
    assert_eq!(of("typography.spaces", &found), Vec::<String>::new());
    let html = "<p>Scores:</p><pre>Rovers      nil     nil\nthe the</pre><p>The end.</p>";
    let found = findings_as(html, Format::Html, House::default());
    assert_eq!(of("errors.doubled-words", &found), Vec::<String>::new());
    assert_eq!(of("typography.spaces", &found), Vec::<String>::new());
}
