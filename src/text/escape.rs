//! Text bound for a terminal: control characters made visible. An article, a baseline or
//! a file name can hold ESC and OSC sequences (or C1 controls such as U+009B, CSI) that a
//! terminal would act on (move the cursor, retitle the window, hide text); output meant
//! for people shows them as escapes instead: a C0 control or DEL as `\x1b` (its byte), a
//! C1 control as `\u{9b}`.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is a control character other than those in `keep`.
fn escaped(c: char, keep: &[char]) -> bool {
    c.is_control() && !keep.contains(&c)
}

/// Appends control character `c` as its escape (`\x1b`, `\u{9b}`).
pub fn push_control(out: &mut String, c: char) {
    if (c as u32) < 0x80 {
        let _ = write!(out, "\\x{:02x}", c as u32);
    } else {
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    }
}

/// `s` with every control character except those in `keep` escaped; borrowed when there
/// is none (the usual case).
pub fn controls<'a>(s: &'a str, keep: &[char]) -> Cow<'a, str> {
    if !s.chars().any(|c| escaped(c, keep)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if escaped(c, keep) {
            push_control(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_plain_text_is_borrowed() {
        assert!(matches!(
            controls("plain “text”\t", &['\t']),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            controls("a\u{1b}]0;t\u{7}b\u{9b}31m\u{7f}\t\n", &['\t']),
            "a\\x1b]0;t\\x07b\\u{9b}31m\\x7f\t\\x0a"
        );
    }
}
