//! The first-person gate of attribution.unquoted-quotation, end to end through the
//! binary: the shared matcher finds "I", "me", "my" and "myself" as whole words, the rule
//! takes only the cases a speaker writes, and a lost quotation needs one of them. (This
//! was a unit test inside the rule; rules sit below the registry and may not load it.)

mod common;
use common::{run, tmp, write};

/// A third-person news article whose third paragraph, a lost quotation in "we" and "our",
/// has `words` where its speaker's "my father" would be.
fn article(words: &str) -> String {
    format!(
        "The river rose overnight and broke through the levee at 3 a.m. on Tuesday.\n\n\
         Emergency crews evacuated 200 homes in the lower town before dawn, the county said.\n\n\
         We were told to leave with nothing. Our house is gone and {words} is still missing.\n\n\
         The county has opened two shelters at the high school and the church.\n"
    )
}

#[test]
fn first_person_singular_is_a_whole_word() {
    let flagged = [
        "my father",
        "My father",
        "the father I knew",
        "I’m afraid the father",
        "the father who raised me",
        "the father I have myself",
    ];
    let clean = [
        "the father",
        "MY father",
        "ME and the father",
        "i think the father",
        "mine",
        "the father from Mexico",
        "the myth",
    ];
    let d = tmp();
    let mut files = Vec::new();
    for (i, words) in flagged.iter().chain(&clean).enumerate() {
        let name = format!("a{i:02}.txt");
        write(&d.path().join(&name), &article(words));
        files.push(name);
    }
    let mut args = vec!["check", "--format", "concise"];
    args.extend(files.iter().map(String::as_str));
    let (_, out, err) = run(d.path(), &args);
    for (i, words) in flagged.iter().chain(&clean).enumerate() {
        let prefix = format!("a{i:02}.txt:");
        let hit = out
            .lines()
            .any(|l| l.starts_with(&prefix) && l.contains("[attribution.unquoted-quotation]"));
        assert_eq!(hit, i < flagged.len(), "{words:?}\n{out}{err}");
    }
}
