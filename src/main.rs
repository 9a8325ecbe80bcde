//! The `terskel` command line: parse arguments, run the command, map the result to an exit code
//! (0 clean, 1 findings at or above `--fail-on`, 2 usage/rule/input errors).

mod cli;
mod commands;

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr();
    let terminal = commands::Terminal { color: cli.color };
    let result = commands::run(cli.command, terminal, &mut out, &mut err);
    let flushed = out.flush();
    match (result, flushed) {
        (Err(commands::CliError::Output(e)), _) | (Ok(_), Err(e))
            if e.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        (Ok(outcome), Ok(())) => ExitCode::from(outcome as u8),
        (Ok(_), Err(e)) => {
            let _ = writeln!(err, "error: cannot write output: {e}");
            ExitCode::from(2)
        }
        (Err(e), _) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(2)
        }
    }
}
