//! The figures stage (layer 4 of `src/lib.rs`): every figure in a document, with its byte span, its unit and
//! scale, and the precision it was printed to.
//!
//! A figure is a run of digits with optional thousands separators and decimal
//! point, an optional `£` and minus sign before it, and an optional `%`, scale
//! suffix (`k`, `m`, `bn`) or scale word (`thousand`, `million`, `billion`)
//! after it. Pence (`8p`, `-3p`, `8 pence`, "four pence") are pounds printed
//! to the penny: `8p` is £0.08, standing for £0.075 to £0.085. A unit glued
//! to the digits (`0.404kg`, `1.3t`, `5km`, `12FTE`) is read with them; other
//! digits glued to letters (`5G`, `v0.2`, `15th`, `3D`) and section
//! numbers (`1.2.3`) are not figures. Two numbers joined by a slash
//! (`60/40`, `65%/35%`) are two figures. A run whose thousands separators are
//! misplaced (`1,103,5000`) is reported as malformed rather than read as some
//! number: no figure is guessed. A unit word after a figure (`FTE`,
//! `tonnes`, `people`, `percentage points`) gives it that unit; two figures
//! joined by a dash or "to" are a range; a hedge word before a figure is
//! kept with it. Number words ("nine councils") are exact figures too.

mod figure;
mod hedge;
mod money;
mod range;
mod scan;
mod words;

pub use figure::{Figure, Figures, MalformedFigure, RangeFigure};
pub use hedge::{hedge_around, Direction, Hedge};
pub use scan::recognise;
