//! The core's doc comments as other languages get them: the generated TypeScript (`ts`),
//! Kotlin and Swift (`uniffi`) declarations and the Python classes' docstrings (`python`)
//! copy the prose of the Rust docs, not their Rust examples.

/// `text` without the Rust examples of its `/** … */` comments: the fenced blocks and their
/// `# Example` headings go, and the blank comment lines they leave are merged (one between
/// paragraphs, none before the closing `*/`). Lines outside comments are kept as they are.
///
/// # Example
///
/// ```
/// use apart::doc_comments::without_rust_examples;
/// let kt = "/**\n * Options.\n *\n * # Example\n *\n * ```\n * use apart::x;\n * ```\n */\nclass Options\n";
/// assert_eq!(without_rust_examples(kt), "/**\n * Options.\n */\nclass Options\n");
/// ```
pub fn without_rust_examples(text: &str) -> String {
    // The text of a line inside a `/** … */` comment (` * text`), `None` for other lines.
    fn body(line: &str) -> Option<&str> {
        let trimmed = line.trim_start();
        (trimmed.starts_with('*') && !trimmed.starts_with("*/")).then(|| trimmed[1..].trim())
    }
    let kept = kept_lines(text, body);
    let mut out = String::with_capacity(text.len());
    for (i, line) in kept.iter().enumerate() {
        let closes = kept
            .get(i + 1)
            .is_some_and(|next| next.trim_start().starts_with("*/"));
        if !(closes && body(line) == Some("")) {
            out.push_str(line);
        }
    }
    out
}

/// `doc` without its Rust examples, for a doc given as plain text (what pyo3 makes a native
/// class's `__doc__`): the fenced blocks and their `# Example` headings go, runs of blank
/// lines become one, and none is left at either end.
///
/// # Example
///
/// ```
/// use apart::doc_comments::doc_without_rust_examples;
/// let doc = "Totals.\n\n# Example\n\n```\nlet a = 1;\n```\n\nMore.";
/// assert_eq!(doc_without_rust_examples(doc), "Totals.\n\nMore.");
/// ```
pub fn doc_without_rust_examples(doc: &str) -> String {
    let kept = kept_lines(doc, |line| Some(line.trim()));
    let blank = |line: &&str| line.trim().is_empty();
    let start = kept.iter().position(|l| !blank(l)).unwrap_or(kept.len());
    let end = kept
        .iter()
        .rposition(|l| !blank(l))
        .map_or(start, |i| i + 1);
    kept.get(start..end)
        .unwrap_or_default()
        .concat()
        .trim_end_matches('\n')
        .to_owned()
}

/// The lines of `text` (with their line ends) outside fenced blocks, without `# Example`
/// headings, runs of blank lines merged; `body` gives a line's text (`None`: not doc text,
/// always kept).
fn kept_lines(text: &str, body: impl Fn(&str) -> Option<&str>) -> Vec<&str> {
    let mut kept: Vec<&str> = Vec::new();
    let mut in_code = false;
    for line in text.split_inclusive('\n') {
        match body(line) {
            Some(b) if b.starts_with("```") => in_code = !in_code,
            _ if in_code => {}
            Some("# Example" | "# Examples") => {}
            _ => kept.push(line),
        }
    }
    kept.dedup_by(|line, previous| body(line) == Some("") && body(previous) == Some(""));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_and_code_outside_comments_stay() {
        let kt = "/**\n * Options.\n *\n * # Example\n *\n * ```\n * use apart::x;\n *\n * let a = 1;\n * ```\n */\ndata class Options (\n    /**\n     * Where.\n     */\n    var `a`: Int\n)\n";
        assert_eq!(
            without_rust_examples(kt),
            "/**\n * Options.\n */\ndata class Options (\n    /**\n     * Where.\n     */\n    var `a`: Int\n)\n"
        );
        // Text between two blank lines stays, with one blank line around it.
        let kept = "/**\n * A.\n *\n * B.\n */\n";
        assert_eq!(without_rust_examples(kept), kept);
    }
}
