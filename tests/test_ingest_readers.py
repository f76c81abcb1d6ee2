"""Readers: each input format, folders, globs and stdin give the RawRecords they should."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from slant.errors import BadRecord, EmptyInput, InputError, NoSources
from slant.ingest import RawRecord, iter_records, read_bytes, read_path, sniff_kind
from slant.settings import ReadSettings, Settings

ARTICLE = (
    "Bridge repairs to start in spring, council says\n"
    "\n"
    "The old river bridge will close for eight weeks from March while engineers replace its worn "
    "bearings, the city council said on Tuesday.\n"
    "\n"
    "Shopkeepers on both banks warned that the closure would cost them trade, but the council said "
    "a temporary footbridge would keep people moving.\n"
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour Council Votes to Close Ferry Route | The Lakeside Courier</title>
<meta property="og:title" content="Harbour council votes to close the night ferry route">
<meta property="og:site_name" content="The Lakeside Courier">
<meta property="og:url" content="https://www.lakesidecourier.example/news/2023/ferry-route-closed">
<meta name="author" content="Marta Quillfeather">
<meta property="article:published_time" content="2023-03-14T08:30:00+01:00">
<meta name="description" content="Councillors voted 7-4 to end the night ferry.">
</head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
Accept all cookies or manage preferences.</div>
<header><nav class="main-nav"><ul>
<li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe today and save 50%</a></li></ul></nav></header>
<main>
<article>
<h1>Harbour council votes to close the night ferry route</h1>
<p class="byline">By Marta Quillfeather</p>
<p>The harbour council voted on Monday evening to close the night ferry route that has linked the
old town with the eastern islands for more than forty years, a decision that opponents called
reckless and short-sighted.</p>
<p>Councillors approved the plan by seven votes to four after a three-hour debate in which residents
of the islands pleaded for the service to be saved. The council said the route lost money every
winter and that too few passengers used the last crossings of the day.</p>
<p>"We cannot keep pouring public money into empty boats," said the council leader, Ivo Brennagh,
who argued that a new bus link would serve commuters better. Critics replied that the bus link does
not yet exist and may never be built.</p>
<p>Islanders plan to challenge the vote. A petition against the closure has gathered more than six
thousand signatures, and a group of shop owners said they would ask the regional court to review
whether the council had consulted residents properly.</p>
</article>
</main>
<aside class="related"><h3>Most read</h3><ul>
<li><a href="/a">Ten things you never knew about lighthouses</a></li>
<li><a href="/b">Weather: storms expected this weekend</a></li></ul></aside>
<footer class="site-footer"><p>&copy; 2023 The Lakeside Courier. All rights reserved.
Privacy policy | Terms of use | Contact us</p></footer>
</body>
</html>
"""

HTML_TITLE = "Harbour council votes to close the night ferry route"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def records_and_errors(items) -> tuple[list[RawRecord], list[InputError]]:
    items = list(items)
    return ([i for i in items if isinstance(i, RawRecord)], [i for i in items if isinstance(i, InputError)])


# --------------------------------------------------------------------------- plain text


def test_ingest_text_is_kept_exactly(tmp_path):
    path = write(tmp_path / "bridge-repairs.txt", ARTICLE)
    [record] = read_path(path)
    assert record.raw == ARTICLE
    assert record.id == "bridge-repairs"
    assert record.source == str(path)
    assert record.format == "text" and record.input_format == "text"
    assert record.encoding == "utf-8"
    assert record.title == ""  # the cleaner finds the title line; the reader does not guess


def test_ingest_text_keeps_utf8_bom_as_a_character(tmp_path):
    path = write(tmp_path / "article111.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    [record] = read_path(path)
    assert record.raw == "\ufeff" + ARTICLE
    assert record.raw.index("Bridge") == 1  # SemEval offsets count the mark
    assert record.encoding == "utf-8"


def test_ingest_text_keeps_crlf_newlines(tmp_path):
    crlf = ARTICLE.replace("\n", "\r\n")
    path = write(tmp_path / "windows.txt", crlf.encode("utf-8"))
    [record] = read_path(path)
    assert record.raw == crlf
    assert record.raw.count("\r\n") == ARTICLE.count("\n")


@pytest.mark.parametrize("text", [
    "Señor Muñoz dijo que la mañana fue difícil para el niño y su familia.\n",
    "Café owners say the “new rules” will cost them – dearly.\n\nThe mayor’s office disagreed.\n",
])
def test_ingest_text_detects_cp1252(tmp_path, text):
    path = write(tmp_path / "legacy.txt", text.encode("cp1252"))
    [record] = read_path(path)
    assert record.raw == text
    assert record.encoding == "cp1252"


def test_ingest_text_detects_latin1(tmp_path):
    text = "Der Bürgermeister sagte, die Straße bleibe bis Größere Änderungen folgen geschlossen.\n"
    [record] = read_path(write(tmp_path / "de.txt", text.encode("latin-1")))
    assert record.raw == text
    assert record.encoding != "utf-8"


@pytest.mark.parametrize("text", [
    "crème", "La crème brûlée\n\nUne crème fraîche.", "Café crème.\n", "Señor Muñoz", "Ærø og Højer\n",
    "Über die Straße", "À la carte: pâté, très cher.",
])
def test_ingest_short_latin1_text_is_not_read_as_central_european(tmp_path, text):
    # issue 16 #9: "crème" came out as "crčme" (cp1250) or worse (cp1006)
    [record] = read_path(write(tmp_path / "short.txt", text.encode("latin-1")))
    assert record.raw == text


@pytest.mark.parametrize("text", ["Zażółć gęślą jaźń.", "Łódź i Kraków mają nowe władze.\n", "Ślęża, Świętokrzyskie"])
def test_ingest_short_cp1250_text_stays_central_european(tmp_path, text):
    [record] = read_path(write(tmp_path / "short-pl.txt", text.encode("cp1250")))
    assert record.raw == text


def test_ingest_text_keeps_central_european_cp1250(tmp_path):
    text = "Źródło podało, że Łódź i Kraków mają nowe władze. Ośrodek zamknięto w środę.\n"
    [record] = read_path(write(tmp_path / "pl.txt", text.encode("cp1250")))
    assert record.raw == text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_ingest_text_decodes_utf16_and_utf32(tmp_path, codec):
    data = ARTICLE.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        # a byte-order mark written by hand, as Windows tools do
        data = ("\ufeff" + ARTICLE).encode(codec)
    [record] = read_path(write(tmp_path / "wide.txt", data))
    assert record.raw == ARTICLE  # the UTF-16/32 mark belongs to the encoding, not the text
    assert record.encoding.startswith("utf-")


def test_ingest_text_decodes_utf16_without_bom(tmp_path):
    [record] = read_path(write(tmp_path / "wide.txt", ARTICLE.encode("utf-16-le")))
    assert record.raw == ARTICLE
    assert record.encoding == "utf-16-le"


def test_ingest_text_forced_encoding_wins(tmp_path):
    text = "Ça coûte très cher, déclare le maire.\n"
    path = write(tmp_path / "fr.txt", text.encode("cp1252"))
    [record] = read_path(path, ReadSettings(encoding="latin-1"))
    assert record.raw == text
    assert record.encoding == "iso8859-1"


def test_ingest_read_path_accepts_whole_settings(tmp_path):
    path = write(tmp_path / "a.txt", ARTICLE)
    assert read_path(path, Settings())[0].raw == ARTICLE


def test_ingest_example_article_reads(tmp_path):
    example = Path(__file__).parents[1] / "examples" / "putin-nato-daily-post.txt"
    [record] = read_path(example)
    assert record.id == "putin-nato-daily-post"
    assert record.raw == example.read_text("utf-8")


def test_ingest_markdown_and_unknown_text_extension_read_as_text(tmp_path):
    md = write(tmp_path / "note.md", ARTICLE)
    odd = write(tmp_path / "story.article", ARTICLE)
    assert read_path(md)[0].raw == ARTICLE
    [record] = read_path(odd)
    assert record.raw == ARTICLE and record.format == "text"


# --------------------------------------------------------------------------- HTML


def test_ingest_html_article_and_metadata(tmp_path):
    [record] = read_path(write(tmp_path / "ferry.html", HTML_PAGE))
    assert record.format == "html" and record.input_format == "html"
    assert record.id == "ferry"
    assert record.title == HTML_TITLE
    assert record.byline == "Marta Quillfeather"
    assert record.outlet == "The Lakeside Courier"
    assert record.url == "https://www.lakesidecourier.example/news/2023/ferry-route-closed"
    assert record.published.startswith("2023-03-14")
    assert record.extra.get("description") == "Councillors voted 7-4 to end the night ferry."


def test_ingest_html_raw_layout_is_title_blank_line_paragraphs(tmp_path):
    [record] = read_path(write(tmp_path / "ferry.html", HTML_PAGE))
    title, blank, *paragraphs = record.raw.split("\n")
    assert title == HTML_TITLE and blank == ""
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("The harbour council voted on Monday evening")
    assert paragraphs[-1].endswith("consulted residents properly.")
    assert record.raw.count(HTML_TITLE) == 1  # the <h1> is not repeated under the title
    # paragraph line breaks of the source are joined into one line
    assert "the\nold town" not in record.raw


@pytest.mark.parametrize("junk", ["cookies", "Subscribe today", "Home", "Most read", "lighthouses",
                                  "All rights reserved", "Privacy policy", "<p>", "&copy;"])
def test_ingest_html_leaves_page_furniture_out(tmp_path, junk):
    [record] = read_path(write(tmp_path / "ferry.html", HTML_PAGE))
    assert junk not in record.raw


def test_ingest_html_is_deterministic(tmp_path):
    path = write(tmp_path / "ferry.html", HTML_PAGE)
    assert read_path(path) == read_path(path)


@pytest.mark.parametrize("declared", ["windows-1252", "iso-8859-1"])
def test_ingest_html_in_legacy_charset_uses_meta_charset(tmp_path, declared):
    page = HTML_PAGE.replace('charset="utf-8"', f'charset="{declared}"').replace(
        "Ivo Brennagh", "Iñigo Brennagh")
    page = page.replace("may never be built.", "may never be built, the council’s critics said.")
    [record] = read_path(write(tmp_path / "legacy.htm", page.encode("cp1252")))
    assert "Iñigo Brennagh" in record.raw
    assert "the council’s critics" in record.raw  # \x92 is a quote in cp1252, a control in latin-1
    assert record.encoding == "cp1252"


def test_ingest_html_sniffed_from_unknown_extension(tmp_path):
    [record] = read_path(write(tmp_path / "saved.page", HTML_PAGE))
    assert record.format == "html"
    assert record.title == HTML_TITLE


def test_ingest_html_without_meta_falls_back_to_hostname_from_canonical(tmp_path):
    page = HTML_PAGE
    for tag in ('<meta property="og:site_name" content="The Lakeside Courier">',
                '<meta property="og:url" content="https://www.lakesidecourier.example/news/2023/ferry-route-closed">'):
        page = page.replace(tag, "")
    page = page.replace("| The Lakeside Courier", "").replace(
        "</head>", '<link rel="canonical" href="https://news.example.org/ferry"></head>')
    [record] = read_path(write(tmp_path / "bare.html", page))
    assert record.url == "https://news.example.org/ferry"
    assert "example.org" in record.outlet


# --------------------------------------------------------------------------- JSONL / JSON


def jsonl_lines() -> list[str]:
    return [
        json.dumps({"id": "a1", "text": ARTICLE, "url": "https://example.com/a1", "outlet": "Example Daily",
                    "published": "2024-05-02", "title": "ignored because the text has its own title"}),
        json.dumps({"text": "A short wire story without a title line.", "title": "Wire story",
                    "section": "world"}),
        "{this is not json",
        json.dumps({"id": "h1", "html": HTML_PAGE, "outlet": "Courier (JSON)"}),
        "",
        json.dumps({"id": "x", "body": "wrong field"}),
        json.dumps(["a", "list"]),
    ]


def test_ingest_jsonl_text_html_and_bad_lines(tmp_path):
    path = write(tmp_path / "batch.jsonl", "\n".join(jsonl_lines()) + "\n")
    records, errors = records_and_errors(iter_records([str(path)]))

    assert [r.id for r in records] == ["a1", "batch-2", "h1"]
    first, second, third = records
    assert first.raw == ARTICLE and first.format == "text" and first.input_format == "jsonl"
    assert first.source == f"{path}:1"
    assert (first.url, first.outlet, first.published) == ("https://example.com/a1", "Example Daily", "2024-05-02")
    assert first.title == ""  # the text carries its own title line
    assert second.title == "Wire story" and second.extra == {"section": "world"}
    assert second.source == f"{path}:2"
    assert third.format == "html" and third.input_format == "jsonl"
    assert third.title == HTML_TITLE and "cookies" not in third.raw
    assert third.outlet == "Courier (JSON)"  # the record's own field beats the page's metadata
    assert third.source == f"{path}:4"

    assert [type(e) for e in errors] == [BadRecord, BadRecord, BadRecord]
    assert [e.source for e in errors] == [f"{path}:3", f"{path}:6", f"{path}:7"]
    assert all(str(e).startswith("[E107]") for e in errors)


def test_ingest_jsonl_read_path_is_strict(tmp_path):
    path = write(tmp_path / "batch.jsonl", "\n".join(jsonl_lines()))
    with pytest.raises(BadRecord) as caught:
        read_path(path)
    assert caught.value.source == f"{path}:3"


def test_ingest_jsonl_crlf_and_numeric_id(tmp_path):
    data = json.dumps({"id": 7, "text": "One.\r\nTwo."}) + "\r\n" + json.dumps({"text": "Three."}) + "\r\n"
    records = read_path(write(tmp_path / "crlf.jsonl", data))
    assert [(r.id, r.raw) for r in records] == [("7", "One.\r\nTwo."), ("crlf-2", "Three.")]


@pytest.mark.parametrize("encoding", [None, "cp1252"])
def test_ingest_jsonl_line_in_cp1252_is_read_like_the_whole_file(tmp_path, encoding):
    """A JSONL line that is not UTF-8 is decoded (forced or detected), not refused as "not valid JSON"."""
    line = json.dumps({"id": "w", "text": "Caf\u00e9 owners said the council\u2019s plan was late."}, ensure_ascii=False)
    path = write(tmp_path / "win.jsonl", (line + "\n").encode("cp1252") + b'{"text": "Plain."}\n[1, 2]\n')
    records, errors = records_and_errors(iter_records([str(path)], settings=ReadSettings(encoding=encoding)))
    assert [(r.id, r.raw, r.input_format) for r in records] == [
        ("w", "Caf\u00e9 owners said the council\u2019s plan was late.", "jsonl"), ("win-2", "Plain.", "jsonl")]
    assert records[0].encoding == "cp1252"
    assert [(type(e), e.source) for e in errors] == [(BadRecord, f"{path}:3")]
    assert "expected a JSON object, found list" in str(errors[0])


def test_ingest_json_object_and_list(tmp_path):
    one = write(tmp_path / "one.json", json.dumps({"text": ARTICLE, "outlet": "Solo"}))
    many = write(tmp_path / "many.json", json.dumps([{"id": "p", "text": "First."}, {"text": "Second."}]))
    [single] = read_path(one)
    assert single.id == "one" and single.raw == ARTICLE and single.outlet == "Solo"
    assert [(r.id, r.raw, r.source) for r in read_path(many)] == [
        ("p", "First.", f"{many}:1"), ("many-2", "Second.", f"{many}:2")]


def test_ingest_jsonl_holding_pretty_printed_json(tmp_path):
    path = write(tmp_path / "pretty.jsonl", json.dumps([{"id": "q", "text": "Indented."}], indent=2))
    assert [(r.id, r.raw) for r in read_path(path)] == [("q", "Indented.")]


# --------------------------------------------------------------------------- folders, globs, stdin


def make_tree(root: Path) -> None:
    write(root / "b.txt", "Second file.\n\nBody b.")
    write(root / "a.txt", "First file.\n\nBody a.")
    write(root / "sub" / "c.html", HTML_PAGE)
    write(root / "sub" / "deeper" / "d.jsonl",
          json.dumps({"id": "d1", "text": "JSON one."}) + "\n" + json.dumps({"id": "d2", "text": "JSON two."}))
    write(root / "sub" / "notes.bin", "not,an,article")  # extension not in ReadSettings.extensions
    write(root / ".hidden.txt", "Hidden file.")
    write(root / ".git" / "e.txt", "Inside a hidden folder.")
    write(root / "z.TXT", "Upper-case extension.")


def test_ingest_folder_recursion_sorted_mixed_formats(tmp_path):
    make_tree(tmp_path / "corpus")
    records, errors = records_and_errors(iter_records([str(tmp_path / "corpus")]))
    assert errors == []
    # depth first, each folder's files (sorted) before its subfolders: the walk never lists a tree whole
    assert [r.id for r in records] == ["a", "b", "z", "c", "d1", "d2"]
    assert [r.format for r in records] == ["text", "text", "text", "html", "text", "text"]
    assert records[3].title == HTML_TITLE


def test_ingest_folder_respects_extension_setting(tmp_path):
    make_tree(tmp_path / "corpus")
    records, _ = records_and_errors(iter_records([str(tmp_path / "corpus")], ReadSettings(extensions=(".html",))))
    assert [r.id for r in records] == ["c"]


def test_ingest_folder_with_no_articles_says_so(tmp_path):
    write(tmp_path / "empty-ish" / "data.bin", "a,b")
    write(tmp_path / "empty-ish" / ".secret.txt", "hidden")
    [error] = list(iter_records([str(tmp_path / "empty-ish")]))
    assert isinstance(error, NoSources)
    assert "no files ending in" in str(error) and "empty-ish" in str(error)


def test_ingest_folder_continues_past_a_bad_file(tmp_path):
    write(tmp_path / "mix" / "a.txt", "Good one.")
    write(tmp_path / "mix" / "b.txt", b"")
    write(tmp_path / "mix" / "c.txt", "Good two.")
    items = list(iter_records([str(tmp_path / "mix")]))
    assert [type(i).__name__ for i in items] == ["RawRecord", "EmptyInput", "RawRecord"]


def test_ingest_glob_recursive_and_flat(tmp_path):
    make_tree(tmp_path / "corpus")
    flat = [r.id for r in iter_records([str(tmp_path / "corpus" / "*.txt")])]
    assert flat == ["a", "b"]  # glob is case-sensitive and, like the shell, skips hidden files
    deep = [r.id for r in iter_records([str(tmp_path / "corpus" / "**" / "*.html")])]
    assert deep == ["c"]
    everything = [r.id for r in iter_records([str(tmp_path / "corpus" / "**")])]
    assert sorted(everything) == ["a", "b", "c", "d1", "d2", "z"]  # each file once


def test_ingest_same_file_twice_is_read_once(tmp_path):
    path = write(tmp_path / "a.txt", ARTICLE)
    assert len(list(iter_records([str(path), str(tmp_path), str(tmp_path / "*.txt")]))) == 1


@pytest.mark.parametrize("data, kind, expected_format", [
    (ARTICLE.encode("utf-8"), "text", "text"),
    (HTML_PAGE.encode("utf-8"), "html", "html"),
    (("\n".join(jsonl_lines()[:2])).encode("utf-8"), "jsonl", "text"),
])
def test_ingest_stdin_is_sniffed(data, kind, expected_format):
    items = list(iter_records(["-"], stdin=io.BytesIO(data)))
    records, errors = records_and_errors(items)
    assert errors == []
    assert records and all(r.format == expected_format for r in records)
    if kind == "jsonl":
        assert [r.id for r in records] == ["a1", "stdin-2"]
        assert records[0].source == "<stdin>:1"
    else:
        assert records[0].id == "stdin" and records[0].source == "<stdin>"
        assert records[0].input_format == kind


@pytest.mark.parametrize("text, kind", [
    (ARTICLE, "text"),
    ("[Updated] Bridge repairs start.\n\nBody.", "text"),
    ("{braces} in a headline\n\nBody.", "text"),
    ("<!-- saved --><!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ('{"text": "a"}\n{"text": "b"}\n', "jsonl"),
    ('[{"text": "a"}]', "json"),
    ('{\n  "text": "a"\n}', "json"),
])
def test_ingest_sniff_kind(text, kind):
    assert sniff_kind(text) == kind


def test_ingest_read_bytes_with_kind(tmp_path):
    [record] = read_bytes(HTML_PAGE.encode("utf-8"), source="upload.html", id="up", kind="html")
    assert record.id == "up" and record.source == "upload.html" and record.title == HTML_TITLE
    [plain] = read_bytes(b"<b>not parsed</b> as HTML", source="x", id="x", kind="text")
    assert plain.raw == "<b>not parsed</b> as HTML"
