//! Fuzzes the HTML extractor: any UTF-8 text, extracted with the default options, must
//! give prose whose map back to the source is in bounds, ordered and exact.
#![no_main]

use copydesk::text::markup::{html, ExtractOptions};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|text: &str| {
    let prose = html::extract(text, &ExtractOptions::default());
    common::check_prose(text, &prose);
});
