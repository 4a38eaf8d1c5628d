//! The page as written, before any browser: the markup contract, escaping, overlaps.

mod contract;

use newsnlp_doc::runner::Lines;

fn page(ndjson: &str) -> (String, newsnlp_view::Summary) {
    let mut out = Vec::new();
    let records = Lines::new("test", ndjson.as_bytes(), 1 << 20);
    let summary = newsnlp_view::write_page(records, &mut out, "test").unwrap();
    (String::from_utf8(out).unwrap(), summary)
}

#[test]
fn every_annotation_is_one_element_with_its_contract_attribute() {
    let input = contract::annotated_input();
    let (html, summary) = page(&input);
    let expected = contract::expected(&input);
    assert_eq!(contract::elements(&html), expected);
    assert_eq!(
        (summary.entities, summary.quotes),
        (expected["entity"], expected["quote"])
    );
    assert_eq!((summary.documents, summary.skipped), (13, 1));
}

#[test]
fn article_text_ids_and_names_are_escaped() {
    let (html, _) = page(&contract::annotated_input());
    // The page's own script is the only one, and no image exists.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;script&gt;document.title=&#39;PWNED-id&#39;&lt;/script&gt;"));
    assert!(html.contains(" src=x onerror=&quot;document.title=&#39;PWNED-img&#39;&quot;&gt;Corp."));
    assert!(html.contains("title=\"ORG: Acme&quot;&gt;&lt;img onerror=x&gt;\""));
    assert!(html.contains("&lt;b&gt;quietly&lt;/b&gt;"));
    assert!(html.contains("Washington, &lt;i&gt;DC&lt;/i&gt;, US"));
}

#[test]
fn quotes_starting_inside_an_entity_split_the_quotes_not_the_counts() {
    let (html, _) = page(&contract::annotated_input());
    // Two quotes begin at `img` inside the entity `Acme"><img`: they open inside it, close
    // with it, and go on as continuation pieces (no contract attribute) after it.
    let expected = "title=\"ORG: Acme&quot;&gt;&lt;img onerror=x&gt;\">Acme&quot;&gt;&lt;\
        <span class=\"quote s1\" id=\"d11q1\" data-quote=\"indirect\" title=\"indirect quote: \
        Berg&#39;s aide\"><span class=\"quote sx\" id=\"d11q2\" data-quote=\"mixed\" \
        title=\"mixed quote: no speaker found\">img</span></span></span>\
        <span class=\"quote s1\" data-part><span class=\"quote sx\" data-part> src=x";
    assert!(html.contains(expected));
}

#[test]
fn the_side_panel_lists_each_speaker_with_links_to_their_quotes() {
    let (html, _) = page(&contract::annotated_input());
    let hostile = &html[html.find("<article id=\"d11\"").unwrap()..];
    let panel = &hostile[hostile.find("<aside").unwrap()..hostile.find("</aside>").unwrap()];
    let expected = "<h4 class=\"s0\">Anna Berg</h4><ul><li><a href=\"#d11q0\">Run &lt;script&gt;";
    assert!(panel.contains(expected), "{panel}");
    assert!(panel.contains("<h4 class=\"s1\">Berg&#39;s aide</h4><ul><li><a href=\"#d11q1\">"));
    assert!(panel.contains("<h4 class=\"sx\">(no speaker found)</h4><ul><li><a href=\"#d11q2\">"));
}
