//! `--output FILE`: where a report is written, and how, so that a run never destroys data.
//!
//! - A regular file (or a new one) is written to a temporary file in the same directory and
//!   renamed over FILE only when complete, so an interrupted or failed run never leaves half a
//!   report and keeps the old one. The temporary file is removed when the run fails (it is
//!   dropped without [`AtomicOutput::commit`]) and, through a handler installed with the first
//!   output, when the run is stopped with SIGINT or SIGTERM (or Ctrl-C on Windows).
//! - A symlink is followed: the file it points to is replaced, the link stays.
//! - A device or FIFO (`/dev/null`, a named pipe) is written to directly, never replaced.
//! - The directory must exist and be writable; this is found out when the output is created,
//!   before the work starts.
//! - An output that is one of the inputs is refused ([`exclude_output`]); one found in a
//!   directory walk (`check dir -o dir/report.md` a second time) is not read as an ad.
//!
//! It does not format reports.

use super::CliError;
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};
use terskel::batch::Input;

/// The exit code after SIGINT or SIGTERM (the shell's for SIGINT).
const INTERRUPTED: i32 = 130;

/// Temporary files not yet renamed into place, removed by the signal handler.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs the signal handler once per process.
static HANDLER: Once = Once::new();

/// A report file being written.
pub struct AtomicOutput {
    /// The path as the user gave it, for messages.
    path: PathBuf,
    target: Target,
}

/// How the report gets to its place.
enum Target {
    /// Written to `temp`, then renamed over `real` (the file `path` is or points to).
    Replace {
        real: PathBuf,
        temp: BufWriter<tempfile::NamedTempFile>,
        /// Dropped after `temp` (fields drop in order).
        _pending: Pending,
    },
    /// Written straight into a device or FIFO.
    Direct(BufWriter<File>),
}

impl AtomicOutput {
    /// Opens the output for `path`: a temporary file next to the file it names (after
    /// following symlinks), or the device or FIFO itself. Called before the work starts, so a
    /// wrong `--output` fails at once rather than after the last ad.
    ///
    /// # Errors
    /// [`CliError::Output`] naming `path` when it is a directory, its directory does not exist
    /// or is not writable, or the temporary file cannot be created.
    pub fn create(path: &Path) -> Result<Self, CliError> {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(named(path, io::Error::other("is a directory")));
            }
            Ok(meta) if !meta.is_file() => {
                let file = OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| named(path, e))?;
                return Ok(Self {
                    path: path.to_path_buf(),
                    target: Target::Direct(BufWriter::new(file)),
                });
            }
            _ => {}
        }
        let real = resolve(path);
        let dir = match real.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !dir.is_dir() {
            return Err(named(
                path,
                io::Error::new(
                    io::ErrorKind::NotFound,
                    format!("the directory {} does not exist", dir.display()),
                ),
            ));
        }
        install_handler();
        let temp = tempfile::Builder::new()
            .prefix(".terskel-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| named(path, e))?;
        let pending = Pending::new(temp.path().to_path_buf());
        Ok(Self {
            path: path.to_path_buf(),
            target: Target::Replace {
                real,
                temp: BufWriter::new(temp),
                _pending: pending,
            },
        })
    }

    /// Flushes the report and, for a file, gives it the permissions of the file it replaces
    /// (else the usual ones of a new file) and moves it into place.
    ///
    /// # Errors
    /// [`CliError::Output`] naming the path when any step fails (the old file is then intact).
    pub fn commit(self) -> Result<(), CliError> {
        let path = self.path;
        match self.target {
            Target::Direct(mut file) => file.flush().map_err(|e| named(&path, e)),
            Target::Replace {
                real,
                temp,
                _pending,
            } => {
                let temp = temp
                    .into_inner()
                    .map_err(|e| named(&path, e.into_error()))?;
                temp.as_file().sync_all().map_err(|e| named(&path, e))?;
                set_permissions(temp.as_file(), &real).map_err(|e| named(&path, e))?;
                temp.persist(&real).map_err(|e| named(&path, e.error))?;
                Ok(())
            }
        }
    }
}

/// A temporary file on the list of the signal handler; taken off it when dropped (after the
/// rename, or after the temporary file itself was dropped and removed).
struct Pending(PathBuf);

impl Pending {
    fn new(path: PathBuf) -> Self {
        if let Ok(mut pending) = PENDING.lock() {
            pending.push(path.clone());
        }
        Self(path)
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Ok(mut pending) = PENDING.lock() {
            pending.retain(|p| *p != self.0);
        }
    }
}

impl Write for AtomicOutput {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = match &mut self.target {
            Target::Replace { temp, .. } => temp.write(buf),
            Target::Direct(file) => file.write(buf),
        };
        result.map_err(|e| with_path(&self.path, e))
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = match &mut self.target {
            Target::Replace { temp, .. } => temp.flush(),
            Target::Direct(file) => file.flush(),
        };
        result.map_err(|e| with_path(&self.path, e))
    }
}

/// Refuses an output that is one of the inputs named on the command line (it would replace the
/// ad with its report), and leaves out of `inputs` the output found in a directory walk (a
/// report written among the ads is not an ad). Files are the same when they are the same file
/// on disk (symlinks and hard links included).
///
/// # Errors
/// [`CliError::Usage`] when a named input is the output.
pub fn exclude_output(output: &Path, inputs: &mut Vec<Input>) -> Result<(), CliError> {
    let Some(out) = file_id(output) else {
        return Ok(());
    };
    for input in inputs.iter() {
        if let Input::File(path) = input {
            if file_id(path) == Some(out) {
                return Err(CliError::Usage(format!(
                    "--output {} is also an input ({}); write the report to another file",
                    output.display(),
                    path.display()
                )));
            }
        }
    }
    inputs.retain(|input| match input {
        Input::Found(path) => file_id(path) != Some(out),
        _ => true,
    });
    Ok(())
}

/// Device and inode of the file at `path` (after symlinks), or `None` when there is none or it
/// is not a regular file (a device may well be both input and output: `/dev/stdin`).
#[cfg(unix)]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    meta.is_file().then(|| (meta.dev(), meta.ino()))
}

/// The canonical path of the file at `path`, standing in for an inode where there is none.
#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<PathBuf> {
    let meta = std::fs::metadata(path).ok()?;
    meta.is_file().then(|| path.canonicalize().ok()).flatten()
}

/// The file `path` names after following symlinks, also for a symlink to a file that does not
/// exist yet (it is created where the link points).
fn resolve(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let mut current = path.to_path_buf();
    // A chain of dangling links: follow a bounded number of steps (a loop stops here too).
    for _ in 0..40 {
        match std::fs::read_link(&current) {
            Ok(target) => {
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            Err(_) => break,
        }
    }
    current
}

/// Installs the handler that removes pending temporary files on SIGINT or SIGTERM.
fn install_handler() {
    HANDLER.call_once(|| {
        // Without a handler (another one is installed) the temporary files are still removed
        // on every error; only a kill would leave one.
        let _ = ctrlc::set_handler(|| {
            if let Ok(pending) = PENDING.lock() {
                for path in pending.iter() {
                    let _ = std::fs::remove_file(path);
                }
            }
            std::process::exit(INTERRUPTED);
        });
    });
}

/// The write error `e` with the output's path in front (a full disk: "report.md: No space left
/// on device").
fn with_path(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// The error with `path` in front. `tempfile` adds the temporary file's random name to its
/// errors, which means nothing to the user, so those are described by their kind.
fn named(path: &Path, e: io::Error) -> CliError {
    let reason = match (e.raw_os_error(), e.kind()) {
        (Some(code), _) => io::Error::from_raw_os_error(code).to_string(),
        (None, io::ErrorKind::NotFound) if e.get_ref().is_none() => {
            "the directory does not exist".to_string()
        }
        (None, _) if e.get_ref().is_some() => e.to_string(),
        (None, kind) => io::Error::from(kind).to_string(),
    };
    CliError::Output(io::Error::new(
        e.kind(),
        format!("{}: {reason}", path.display()),
    ))
}

/// A report is for sharing: keep the permissions of the file it replaces, else make it readable
/// like any new file (the temporary file is private to the user).
fn set_permissions(file: &std::fs::File, path: &Path) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(existing) => file.set_permissions(existing.permissions()),
        Err(_) => default_permissions(file),
    }
}

#[cfg(unix)]
fn default_permissions(file: &std::fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(_file: &std::fs::File) -> io::Result<()> {
    Ok(())
}
