//! Whether to colour output: `--color`, then the environment, then the terminal.
//!
//! `--color always` and `--color never` win over everything. Under `auto`, `NO_COLOR`
//! (set and not empty, as no-color.org asks) turns colour off; otherwise `FORCE_COLOR`
//! (set and not empty, as force-color.org asks) turns it on even where there is no
//! terminal (CI logs that render colour), except `FORCE_COLOR=0`, which turns it off as
//! Node's tools read it; otherwise colour
//! follows whether the output is a terminal. A report written to a file (`-o`) is
//! coloured only with `--color always`.

use super::ColorChoice;
use std::ffi::OsString;

/// The colour environment variables, as read once.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `NO_COLOR`.
    pub no_color: Option<OsString>,
    /// `FORCE_COLOR`.
    pub force_color: Option<OsString>,
}

impl Env {
    /// The process's environment.
    pub fn read() -> Env {
        Env {
            no_color: std::env::var_os("NO_COLOR"),
            force_color: std::env::var_os("FORCE_COLOR"),
        }
    }
}

/// Whether to colour output going to a terminal (`tty`) or not, under `choice`.
pub fn decide(choice: ColorChoice, tty: bool, env: &Env) -> bool {
    let set = |v: &Option<OsString>| v.as_ref().is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set(&env.no_color) => false,
        ColorChoice::Auto if set(&env.force_color) => {
            env.force_color.as_ref().is_some_and(|v| v != "0")
        }
        ColorChoice::Auto => tty,
    }
}

/// Whether to colour output written to standard output, or to a file (`to_file`).
pub fn for_stdout(choice: ColorChoice, to_file: bool) -> bool {
    use std::io::IsTerminal;
    match to_file {
        true => choice == ColorChoice::Always,
        false => decide(choice, std::io::stdout().is_terminal(), &Env::read()),
    }
}

/// Whether to colour what goes to standard error.
pub fn for_stderr(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    decide(choice, std::io::stderr().is_terminal(), &Env::read())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(no: Option<&str>, force: Option<&str>) -> Env {
        Env {
            no_color: no.map(Into::into),
            force_color: force.map(Into::into),
        }
    }

    #[test]
    fn flags_then_no_color_then_force_color_then_the_terminal() {
        use ColorChoice::*;
        let none = env(None, None);
        assert!(decide(Auto, true, &none));
        assert!(!decide(Auto, false, &none));
        assert!(decide(Auto, false, &env(None, Some("1"))));
        assert!(decide(Auto, false, &env(None, Some("true"))));
        assert!(!decide(Auto, false, &env(None, Some("0"))));
        assert!(!decide(Auto, false, &env(None, Some(""))));
        assert!(!decide(Auto, true, &env(None, Some("0"))), "0 turns it off");
        assert!(decide(Auto, true, &env(None, Some(""))), "empty is unset");
        assert!(
            !decide(Auto, true, &env(Some("1"), Some("1"))),
            "NO_COLOR wins"
        );
        assert!(decide(Auto, true, &env(Some(""), None)), "empty is unset");
        assert!(decide(Always, false, &env(Some("1"), None)));
        assert!(!decide(Never, true, &env(None, Some("1"))));
    }
}
