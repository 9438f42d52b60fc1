//! Embeds the built-in rule packs (rules/<pack>/<rule>.toml) in the binary, and compiles
//! the lexicon (src/lang/data/lexicon.tsv) into the table the program maps in place.

#[path = "src/lang/format.rs"]
#[allow(dead_code)]
mod format;
#[path = "build/lexicon.rs"]
mod lexicon;

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    compile_lexicon();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    if let Ok(packs) = std::fs::read_dir(&root) {
        for pack in packs.flatten() {
            let pack_path = pack.path();
            if !pack_path.is_dir() {
                continue;
            }
            println!("cargo:rerun-if-changed={}", pack_path.display());
            if let Ok(rules) = std::fs::read_dir(&pack_path) {
                for rule in rules.flatten() {
                    let p = rule.path();
                    if p.extension().is_some_and(|e| e == "toml") {
                        println!("cargo:rerun-if-changed={}", p.display());
                        files.push(p);
                    }
                }
            }
        }
    }
    files.sort();
    let mut out = String::from("/// Built-in rule files: (path relative to the crate, contents).\npub static BUILTIN_RULES: &[(&str, &str)] = &[\n");
    for f in &files {
        let rel = f.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(f);
        let rel = rel.to_string_lossy().replace('\\', "/");
        let rel = rel.trim_start_matches('/');
        let _ = writeln!(
            out,
            "    ({rel:?}, include_str!({:?})),",
            f.display().to_string()
        );
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()))
        .join("builtin_rules.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}

/// Writes `lexicon.bin` into OUT_DIR from the committed TSV.
fn compile_lexicon() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lang/data/lexicon.tsv");
    println!("cargo:rerun-if-changed={}", src.display());
    println!("cargo:rerun-if-changed=build/lexicon.rs");
    println!("cargo:rerun-if-changed=src/lang/format.rs");
    let tsv = match std::fs::read_to_string(&src) {
        Ok(t) => t,
        Err(e) => panic!("cannot read {}: {e}", src.display()),
    };
    let bin = match lexicon::compile(&tsv) {
        Ok(b) => b,
        Err(e) => panic!("{}: {e}", src.display()),
    };
    let dest =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("lexicon.bin");
    if let Err(e) = std::fs::write(&dest, bin) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
