from slant.document import Label, Span
from slant.render.html import render_html
from slant.render.text import render_text
from rich.console import Console


def _annotated(doc):
    text = doc.text
    s = text.index("First")
    doc.add_layer("techniques", [Span(s, s + 10, "Loaded_Language", 0.9), Span(s + 6, s + 20, "Doubt", 0.7)])
    doc.add_layer("paragraph_techniques", [Span(doc.paragraphs[1].start, doc.paragraphs[1].end, "Doubt", 0.7)])
    doc.set_labels("genre", [Label("opinion", 0.8, True), Label("reporting", 0.2)])
    return doc


def test_render_html_is_standalone_and_shows_overlaps(hand_doc):
    page = render_html([_annotated(hand_doc)])
    assert page.startswith("<!DOCTYPE html>")
    assert "http://" not in page and "https://" not in page and "<link" not in page
    # the overlapping part carries both labels and is marked as multi
    assert 'class="hl multi"' in page and 'data-labels="Loaded_Language Doubt"' in page
    assert "Loaded language" in page and "Opinion" in page
    assert 'data-toggle="Doubt"' in page


def test_render_html_escapes_hostile_text(tmp_path):
    from tests.conftest import make_doc

    raw = "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)> body\n"
    doc = make_doc(raw, [(0, raw.index("\n")), (raw.index("<img"), len(raw) - 1)])
    page = render_html([doc])
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_render_text_mentions_labels_and_paragraph_techniques(hand_doc):
    console = Console(record=True, width=100)
    console.print(render_text(_annotated(hand_doc)))
    out = console.export_text()
    assert "Opinion" in out and "⟶ Doubt" in out and "Techniques found" in out
