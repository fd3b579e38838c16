//! The limits that keep a hostile pack from exhausting a CI runner.

/// How deep an expression may nest, counting brackets, minus signs and
/// function calls as well as operators. Evaluating an expression recurses as
/// deep as it nests, so a pack from a pull request must not choose the depth;
/// and no claim a reader can follow comes near it.
pub const MAX_EXPRESSION_DEPTH: usize = 100;

/// How many figures an anchor may step over with `{_}`. Each one is matched
/// against the figures of the document; a real anchor steps over one or two.
pub const MAX_STEPS_PER_ANCHOR: usize = 32;

/// How deep `for` loops may nest: rows within columns is two; a pack from
/// a pull request must not choose how deep the parser recurses.
pub const MAX_LOOP_NESTING: usize = 4;

/// How many figures a row or column list may read: each is found by its
/// labels, a search of the table, so a list over a table of a million rows
/// from a pull request would be a million searches of a million rows. A
/// budget or band table has tens.
pub const MAX_LIST_FIGURES: usize = 1_000;

/// How many syntax errors a rule file may report before the rest of it is
/// left unread. A file that is not a pack at all would otherwise report an
/// error per line, and a large one would fill a CI runner's memory.
pub const MAX_SYNTAX_ERRORS: usize = 100;

/// How many claims a pack may state. Every claim searches its documents, so
/// the work of a pack grows with claims times document size; the bundled
/// packs state 611 between them. Larger audits split into several packs.
pub const MAX_CLAIMS_PER_PACK: usize = 10_000;
