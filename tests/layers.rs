//! The crate's layers: every top-level module of `src/` imports only modules of lower
//! layers (so there is no import cycle), as docs/architecture.md draws them. A
//! `crate::x` path anywhere in a file's code (tests included; comments are not code)
//! counts as an import of `x`.

use std::collections::BTreeMap;
use std::path::Path;

/// The layer of each top-level module, bottom first. Modules of one layer may not import
/// each other either.
const LAYERS: &[(&str, u32)] = &[
    ("text", 0),
    ("lang", 1),
    ("error", 1),
    ("diagnostic", 1),
    ("rules", 2),
    ("pack", 3),
    ("registry", 4),
    ("engine", 5),
    ("config", 6),
    ("outcome", 7),
    ("run", 8),
    ("report", 8),
    ("lsp", 8),
    ("lib", 9),
];

fn layer(module: &str) -> Option<u32> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The code of a Rust file without its comments (line comments, doc comments and block
/// comments; string literals are kept, which is good enough for this check).
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('/') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("//") {
            rest = tail.find('\n').map_or("", |n| &tail[n..]);
        } else if tail.starts_with("/*") {
            rest = tail.find("*/").map_or("", |n| &tail[n + 2..]);
        } else {
            out.push('/');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The top-level modules a file's code names: `crate::x` and `use crate::{x, y}`.
fn imports(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + "crate::".len()..];
        // `copydesk::crate::` never occurs; `$crate::` in macros means the crate too.
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.push(name);
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn imports_point_down_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut checked = 0;
    for path in &files {
        let rel = path.strip_prefix(&src).unwrap_or(path);
        let top = rel
            .components()
            .next()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string()
            })
            .unwrap_or_default();
        // The binary (main.rs, cli.rs) uses the library through its public API.
        if top == "main" || top == "cli" {
            continue;
        }
        let Some(mine) = layer(&top) else {
            panic!(
                "{}: module `{top}` has no layer in tests/layers.rs",
                rel.display()
            );
        };
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
        for name in imports(&code_of(&text)) {
            if name == top || name == "self" || name == "super" {
                continue;
            }
            checked += 1;
            let ok = match layer(&name) {
                Some(theirs) => theirs < mine,
                // An item of lib.rs (the front door) is above everything.
                None => top == "lib",
            };
            if !ok {
                wrong
                    .entry(rel.display().to_string())
                    .or_default()
                    .push(name);
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} imports found: is the scan broken?"
    );
    assert!(
        wrong.is_empty(),
        "imports that do not point down (file -> modules):\n{wrong:#?}"
    );
}

#[test]
fn the_scan_sees_grouped_imports_and_skips_comments() {
    let code = code_of(
        "use crate::{text, rules::Rule};\n// crate::run\n/* crate::report */ let x = crate::engine::lint;\nmy_crate::x",
    );
    assert_eq!(imports(&code), ["text", "rules", "engine"]);
}
