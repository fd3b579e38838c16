//! What every command needs before it reads a pack: what it may read (the
//! project root, the size limit, whether files outside the root are
//! allowed) and the project's `vd-audit.yaml`, read once at the start of a
//! run, or given defaults for library users.

use std::io::IsTerminal;
use std::path::Path;

use super::args::AccessArgs;
use super::config;
use crate::access::{Access, DEFAULT_MAX_FILE_BYTES};

/// What every command needs before it reads a pack: what it may read, and
/// the project's `vd-audit.yaml`.
#[derive(Clone, Debug)]
pub struct Settings {
    pub access: Access,
    pub file_config: Option<config::Config>,
}

impl Settings {
    /// The settings of a run in the working directory; a problem with
    /// `vd-audit.yaml` is printed, and the exit status returned.
    pub(super) fn read(args: &AccessArgs) -> Result<Settings, i32> {
        let max_file_bytes = args.max_file_size.unwrap_or(DEFAULT_MAX_FILE_BYTES);
        let mut access =
            Access::from_working_dir(Path::new("."), args.allow_outside_root, max_file_bytes)
                .map_err(|e| {
                    eprintln!("error: cannot find the working directory: {e}");
                    2
                })?;
        let file_config = config::read(&access.root).map_err(|problem| {
            let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal();
            eprint!("{}", config::render(&problem, color));
            2
        })?;
        if file_config.as_ref().is_some_and(|c| c.allow_outside_root) {
            access.allow_outside_root = true;
        }
        Ok(Settings {
            access,
            file_config,
        })
    }

    /// The settings of a run in `dir` with no flags: what library users
    /// (tests, benchmarks) get.
    pub fn defaults_in(dir: &Path) -> std::io::Result<Settings> {
        Ok(Settings {
            access: Access::from_working_dir(dir, false, DEFAULT_MAX_FILE_BYTES)?,
            file_config: None,
        })
    }
}
