//! Resolving anchors to figures: a text anchor by the words around its
//! figure ([`resolve_text`]), a table cell by its row and column labels
//! ([`resolve_cell`]), a list by its heading ([`count_items`]); and, for an
//! anchor that matches nowhere, the nearest places ([`candidate`]).

mod cell;
mod found;
mod items;
mod nearest;
mod text;

pub use cell::resolve_cell;
pub use found::Anchored;
pub use items::count_items;
pub use nearest::candidate;
pub use text::resolve_text;
