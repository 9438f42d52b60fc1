//! Time grows linearly with the input, whatever the input repeats. Each case is a
//! document made of one adversarial piece repeated (the same trigger, quote mark, figure
//! or markup over and over, which is where a rule that rescans the document for every hit
//! turns quadratic), linted at a size `n` and at `4n`. Linear work takes about 4 times as
//! long; the test fails above 9 times (that is, doubling the input more than triples the
//! time), which a quadratic rule (16 times) cannot pass and noise on a busy machine does
//! not reach. Each size is timed three times and the fastest run counts.

use copydesk::{lint_str, Format};
use std::time::{Duration, Instant};

/// The adversarial pieces: (what it stresses, the piece, the format, what ends the text).
const CASES: &[(&str, &str, Format, &str)] = &[
    ("substitution with exceptions", "its'", Format::Plain, ""),
    ("substitution", "a hair-brained plan ", Format::Plain, ""),
    ("existence patterns", "a  b ", Format::Plain, ""),
    ("consistency", "colour color ", Format::Plain, ""),
    ("repetition, one long run", "the ", Format::Plain, ""),
    ("repetition, pairs", "the the cat ", Format::Plain, ""),
    ("article", "a apple a ", Format::Plain, ""),
    ("quote style", "\"'“‘", Format::Plain, ""),
    ("quotations", "\" ", Format::Plain, ""),
    ("figures", "100,", Format::Plain, " percent of people"),
    ("figures with words", "1.5 million ", Format::Plain, "."),
    ("sources", "officials said ", Format::Plain, ""),
    ("vague sources", "Critics say that ", Format::Plain, ""),
    (
        "vague sources in entity quotes",
        "&lsquo;experts say&rsquo; ",
        Format::Plain,
        "",
    ),
    ("figure measures", "1,000 words ", Format::Plain, ""),
    (
        "figure targets",
        "cut the rate to 15% and ",
        Format::Plain,
        "",
    ),
    (
        "disclaimers",
        "The army captured the bridge, which could not be independently verified. ",
        Format::Plain,
        "",
    ),
    (
        "quotations with links",
        "\"We will go now, today.\" [a](http://x) ",
        Format::Markdown,
        "",
    ),
    (
        "quotations to the reader",
        "you said \"Go home now, they said.\" ",
        Format::Plain,
        "",
    ),
    ("first person", "I ", Format::Plain, ""),
    ("sentences", "Mr. ", Format::Plain, ""),
    ("markdown emphasis", "*a ", Format::Markdown, ""),
    ("markdown links", "[a](", Format::Markdown, ""),
    ("html tags", "<b>a ", Format::Html, ""),
    ("html comments", "<!-- a ", Format::Html, ""),
];

fn document(piece: &str, end: &str, bytes: usize) -> String {
    let mut text = piece.repeat(bytes / piece.len().max(1) + 1);
    text.push_str(end);
    text
}

/// The fastest of three lints of `text`.
fn fastest(text: &str, format: Format) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            let found = lint_str(text, format).unwrap_or_else(|e| panic!("{e}"));
            std::hint::black_box(found);
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn four_times_the_input_takes_at_most_nine_times_as_long() {
    let mut slow = Vec::new();
    for &(what, piece, format, end) in CASES {
        // Large enough that the smaller size takes a measurable time.
        let mut n = 16 * 1024;
        let mut small = fastest(&document(piece, end, n), format);
        while small < Duration::from_millis(15) && n < 512 * 1024 {
            n *= 2;
            small = fastest(&document(piece, end, n), format);
        }
        let large = fastest(&document(piece, end, 4 * n), format);
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
        // Every case's times, for `--nocapture`.
        eprintln!("{what} ({piece:?} x {n} bytes): {small:?} -> {large:?}, {ratio:.1} times");
        if ratio > 9.0 {
            slow.push(format!(
                "{what} ({piece:?} x {n} bytes): {small:?} -> {large:?} at 4x, {ratio:.1} times"
            ));
        }
    }
    assert!(slow.is_empty(), "superlinear:\n{}", slow.join("\n"));
}
