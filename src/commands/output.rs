//! `--output FILE`: a report is written to a temporary file in the same directory and renamed
//! over FILE only when complete, so an interrupted run never leaves half a report. The temporary
//! file is removed when the run fails (it is dropped without [`AtomicOutput::commit`]).

use super::CliError;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A report file being written.
pub struct AtomicOutput {
    path: PathBuf,
    file: BufWriter<tempfile::NamedTempFile>,
}

impl AtomicOutput {
    /// Creates the temporary file next to `path`. Called before the work starts, so a wrong
    /// `--output` fails at once rather than after the last ad.
    ///
    /// # Errors
    /// [`CliError::Output`] naming `path` when the temporary file cannot be created.
    pub fn create(path: &Path) -> Result<Self, CliError> {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".terskel-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| named(path, e))?;
        Ok(Self {
            path: path.to_path_buf(),
            file: BufWriter::new(temp),
        })
    }

    /// Flushes the report, gives it the permissions of the file it replaces (else the usual
    /// ones of a new file) and moves it into place.
    ///
    /// # Errors
    /// [`CliError::Output`] naming the path when any step fails.
    pub fn commit(self) -> Result<(), CliError> {
        let path = self.path;
        let temp = self
            .file
            .into_inner()
            .map_err(|e| named(&path, e.into_error()))?;
        temp.as_file().sync_all().map_err(|e| named(&path, e))?;
        set_permissions(temp.as_file(), &path).map_err(|e| named(&path, e))?;
        temp.persist(&path).map_err(|e| named(&path, e.error))?;
        Ok(())
    }
}

impl Write for AtomicOutput {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// The error with `path` in front. `tempfile` adds the temporary file's random name to its
/// errors, which means nothing to the user, so those are described by their kind.
fn named(path: &Path, e: io::Error) -> CliError {
    let reason = match (e.raw_os_error(), e.kind()) {
        (Some(code), _) => io::Error::from_raw_os_error(code).to_string(),
        (None, io::ErrorKind::NotFound) => "the directory does not exist".to_string(),
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
