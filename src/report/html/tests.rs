use super::*;
use crate::eval::evaluate;
use crate::report::audit::AuditedPack;
use crate::source::SourceFile;
use crate::{document::Document, pack::LoadedPack};

fn audit(text: &str, rules: &str) -> Vec<PackAudit> {
    let pack = LoadedPack {
        rule_file: SourceFile::new("pack.vd", rules),
        ast: crate::lang::parse_pack(rules).into_result().unwrap(),
        syntax_errors: Vec::new(),
        documents: [(
            "paper".to_string(),
            std::sync::Arc::new(Document::new(SourceFile::new("paper.txt", text))),
        )]
        .into(),
    };
    let outcome = evaluate(&pack);
    vec![PackAudit::Audited(AuditedPack { pack, outcome })]
}

const TEXT: &str = "The total is £600 <b>shared</b>.\nSix councils pay £110 each, a total of £660 (in all).\nThe budget reads 1,103,5000.\n";
const RULES: &str = r#"
document paper = "paper.txt"
let total = paper "The total is £{}"
claim "Six councils share the total"
  paper "pay £{} each" == total / 6
claim "Ten percent more"
  paper "a total of £{}" == total * 1.1
"#;

#[test]
fn escapes_document_and_rule_text() {
    assert_eq!(
        escape("<script>\"a\" & 'b'</script>"),
        "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
    );
    let rules = RULES.replace("Ten percent more", "<img src=x onerror=alert(1)>");
    let page = html(&audit(TEXT, &rules), Strictness::default());
    assert!(!page.contains("<img"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("&lt;b&gt;shared&lt;/b&gt;"));
    assert!(!page.contains("<b>shared"));
}

#[test]
fn marks_figures_by_verdict_with_their_claims() {
    let page = html(&audit(TEXT, RULES), Strictness::default());
    // £110 is a discrepancy (600 / 6 = 100); £660 is exact. ("Six" is
    // figure 1, unmarked: no claim reads it.)
    assert!(page.contains(r##"<a class="f di" id="f0-2" href="#f0-2" data-c="0">£110</a>"##));
    assert!(page.contains(r##"<a class="f ex" id="f0-3" href="#f0-3" data-c="1">£660</a>"##));
    // £600 is only computed from: underlined, listing both claims.
    assert!(page.contains(r##"<a class="f di i" id="f0-0" href="#f0-0" data-c="0 1">£600</a>"##));
    // The malformed figure is marked as an error with its reason.
    assert!(page.contains(r##"<a class="f er" id="m0-0" href="#m0-0" data-m="##));
    // Each claim's working is in the template, once.
    assert_eq!(
        page.matches("£600 / 6 = £100").count(),
        2,
        "template and findings"
    );
}

#[test]
fn is_self_contained() {
    let page = html(&audit(TEXT, RULES), Strictness::default());
    for fetching in ["src=", "href=\"http", "@import", "url(", "<link"] {
        assert!(!page.contains(fetching), "the page fetches with {fetching}");
    }
}

#[test]
fn lines_are_numbered_without_changing_the_text() {
    let page = html(&audit(TEXT, RULES), Strictness::default());
    let doc = page.split("<pre class=\"doc\">").nth(1).unwrap();
    let doc = doc.split("</pre>").next().unwrap();
    assert_eq!(doc.matches("<span class=\"l\">").count(), 3);
    // Strip tags and unescape: the text is the document's.
    let mut plain = String::new();
    let mut in_tag = false;
    for c in doc.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let plain = plain
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    assert_eq!(plain, TEXT);
}
