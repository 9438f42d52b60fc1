//! Fuzzes the HTML extractor: any UTF-8 text, extracted with the default options, must
//! give prose whose map back to the source is in bounds, ordered and exact, within the
//! time budget (common.rs: 50 ms + 20 µs a byte of CPU time).
#![no_main]

use copydesk::text::markup::{html, ExtractOptions};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|text: &str| {
    let prose = common::within_budget("html extraction", text.len(), || {
        html::extract(text, &ExtractOptions::default())
    });
    common::check_prose(text, &prose);
});
