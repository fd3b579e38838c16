//! One pack's audit: the pack with its outcome, or why it could not be loaded.

use crate::eval::PackOutcome;
use crate::pack::{LoadError, LoadedPack};

/// One pack's audit, or the reason it could not be run.
#[derive(Debug)]
pub enum PackAudit {
    Audited(AuditedPack),
    NotLoaded(LoadError),
}

#[derive(Debug)]
pub struct AuditedPack {
    pub pack: LoadedPack,
    pub outcome: PackOutcome,
}

impl AuditedPack {
    /// A pack with no claim and no syntax error: it would pass whatever its
    /// documents say. (A pack whose claims all failed to parse has its
    /// syntax errors to show for it.)
    pub fn states_no_claim(&self) -> bool {
        self.outcome.claims.is_empty() && self.pack.syntax_errors.is_empty()
    }
}

/// The pack's rule file as shown to users, whether or not it could be loaded.
pub fn pack_name(audit: &PackAudit) -> String {
    match audit {
        PackAudit::Audited(a) => a.pack.rule_file.display_path.clone(),
        PackAudit::NotLoaded(LoadError::Unreadable { path, .. }) => {
            crate::source::display_path(path)
        }
        PackAudit::NotLoaded(
            LoadError::Document { rule_file, .. } | LoadError::Refused { rule_file, .. },
        ) => rule_file.display_path.clone(),
    }
}
