//! `terskel serve`: loads the rules once, binds the address, says where the page is and serves
//! it until the process is stopped ([`terskel::serve`] does the serving).

use super::setup::Setup;
use super::{CliError, Outcome};
use crate::cli::ServeArgs;
use std::io::Write;
use terskel::serve::{self, api::Engine};

/// Runs `terskel serve`. Returns only when the server fails.
///
/// # Errors
/// [`CliError`] for rule and configuration errors, an address that cannot be bound, or a
/// server that stops.
pub fn run(args: ServeArgs, err: &mut dyn Write) -> Result<Outcome, CliError> {
    let setup = Setup::new(&args.rule_args, &[], &[], None)?;
    let listener = serve::bind(args.addr).map_err(|e| CliError::Usage(e.to_string()))?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}/");
    writeln!(
        err,
        "terskel serve: the writers' page is at {url} (Ctrl-C stops it)"
    )?;
    if !addr.ip().is_loopback() {
        writeln!(
            err,
            "warning: {} is reachable from other machines; ads sent to the page travel unencrypted",
            addr.ip()
        )?;
    }
    err.flush()?;
    if args.open {
        if let Err(e) = open_browser(&url) {
            writeln!(
                err,
                "warning: cannot open a browser ({e}); open {url} yourself"
            )?;
        }
    }
    let engine = Engine::new(setup.checker);
    engine.warm_up();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    serve::run(listener, engine, threads).map_err(|e| CliError::Usage(e.to_string()))?;
    Ok(Outcome::Clean)
}

/// Starts the desktop's browser on `url` without waiting for it.
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}
