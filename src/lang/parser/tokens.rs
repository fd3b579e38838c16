//! Tokens: names, keywords, symbols, strings in double quotes, and the
//! whitespace and `#` comments between them. Each token parser skips what
//! stands before it, so the levels above never deal with whitespace.

use nom::bytes::complete::{tag, take_while};
use nom::character::complete::satisfy;
use nom::combinator::recognize;
use nom::sequence::pair;
use nom::Err;

use super::state::{Fail, PResult, Parser, KEYWORDS};
use crate::lang::ast::{Ident, Text};
use crate::span::Span;

impl<'a> Parser<'a> {
    pub(super) fn name(&self, i: &'a str) -> PResult<'a, Ident> {
        let (i, _) = skip(i)?;
        let word: PResult<'a, &'a str> =
            recognize(pair(satisfy(is_name_start), take_while(is_name_char)))(i);
        match word {
            Ok((rest, word)) if !KEYWORDS.contains(&word) => {
                let span = self.span(i, rest);
                Ok((
                    rest,
                    Ident {
                        name: word.to_string(),
                        span,
                    },
                ))
            }
            _ => self.fail(i, "a name"),
        }
    }

    pub(super) fn keyword(&self, i: &'a str, word: &'static str) -> PResult<'a, Span> {
        let (i, _) = skip(i)?;
        match i.strip_prefix(word) {
            Some(rest) if !rest.starts_with(is_name_char) => Ok((rest, self.span(i, rest))),
            _ => self.fail(i, keyword_name(word)),
        }
    }

    pub(super) fn symbol(&self, i: &'a str, symbol: &'static str) -> PResult<'a, Span> {
        let (i, _) = skip(i)?;
        match tag::<_, _, Fail<'a>>(symbol)(i) {
            Ok((rest, _)) => Ok((rest, self.span(i, rest))),
            Err(_) => self.fail(i, symbol_name(symbol)),
        }
    }

    /// A string in double quotes, with `\"`, `\\`, `\t` and `\n` escapes.
    pub(super) fn string(&self, i: &'a str) -> PResult<'a, Text> {
        let (i, _) = skip(i)?;
        let Some(body) = i.strip_prefix('"') else {
            return self.fail(i, "a string in double quotes");
        };
        let mut value = String::new();
        let mut chars = body.char_indices();
        while let Some((at, c)) = chars.next() {
            match c {
                '"' => {
                    let rest = &body[at + 1..];
                    return Ok((
                        rest,
                        Text {
                            value,
                            span: self.span(i, rest),
                        },
                    ));
                }
                '\\' => match chars.next() {
                    Some((_, '"')) => value.push('"'),
                    Some((_, '\\')) => value.push('\\'),
                    Some((_, 't')) => value.push('\t'),
                    Some((_, 'n')) => value.push('\n'),
                    Some((escape_at, other)) => {
                        let span = Span::new(
                            self.offset(body) + at,
                            self.offset(body) + escape_at + other.len_utf8(),
                        );
                        return Err(Err::Failure(Fail {
                            at: &body[at..],
                            expected: Vec::new(),
                            message: Some((
                                span,
                                format!("unknown escape `\\{other}`; use \\\", \\\\, \\t or \\n"),
                            )),
                        }));
                    }
                    None => break,
                },
                '\n' => break,
                _ => value.push(c),
            }
        }
        let line_end = i.find('\n').unwrap_or(i.len());
        Err(Err::Failure(Fail {
            at: i,
            expected: Vec::new(),
            message: Some((
                Span::new(self.offset(i), self.offset(i) + line_end),
                "this string has no closing `\"` on its line".into(),
            )),
        }))
    }
}

/// Skips whitespace and `#` comments.
pub(super) fn skip(i: &str) -> PResult<'_, ()> {
    let mut rest = i.trim_start();
    while let Some(comment) = rest.strip_prefix('#') {
        rest = comment
            .find('\n')
            .map_or("", |end| &comment[end..])
            .trim_start();
    }
    Ok((rest, ()))
}

pub(super) fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

pub(super) fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

pub(super) fn keyword_name(word: &'static str) -> &'static str {
    match word {
        "pack" => "`pack`",
        "document" => "`document`",
        "let" => "`let`",
        "claim" => "`claim`",
        "expect" => "`expect`",
        "discrepancy" => "`discrepancy`",
        "computed" => "`computed`",
        "within" => "`within`",
        "malformed" => "`malformed`",
        "table" => "`table`, `items` or `cell`",
        "cell" => "`cell`",
        "for" => "`for`",
        "in" => "`in`",
        "to" => "`to`",
        _ => "a keyword",
    }
}

pub(super) fn symbol_name(symbol: &'static str) -> &'static str {
    match symbol {
        "=" => "`=`",
        "(" => "`(`",
        ")" => "`)`",
        "," => "`,`",
        "." => "`.`",
        _ => "a symbol",
    }
}
