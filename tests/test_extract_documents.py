"""Reading articles: text, front matter, HTML, and the files that cannot be articles."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.extract.documents import DocumentError, SourceMeta, collect, credits, read


def test_text_file_with_front_matter(tmp_path):
    path = tmp_path / "piece.md"
    path.write_text("---\nid: gazette-7\ntitle: Pact signed\npublisher: The Gazette\n"
                    "published: 2024-03-01\nurl: https://example.org/7\n---\nBody here.\n",
                    encoding="utf-8")
    doc = read(path)
    assert doc.text == "Body here.\n"
    assert doc.meta == SourceMeta("gazette-7", "Pact signed", "The Gazette",
                                  dt.date(2024, 3, 1), "https://example.org/7")
    assert path.read_text(encoding="utf-8")[doc.base:] == doc.text


def test_plain_text_infers_id_and_title(tmp_path):
    path = tmp_path / "Border Talks.txt"
    path.write_text("Border talks resume\n\nAvaria and Borduria met.\n", encoding="utf-8")
    doc = read(path, SourceMeta(publisher="Wire"))
    assert doc.meta.id == "border-talks"
    assert doc.meta.title == "Border talks resume"
    assert doc.meta.publisher == "Wire"


def test_html_is_reduced_to_the_article_text(tmp_path):
    path = tmp_path / "page.html"
    para = "Cordia sells oil to Avaria under a long contract signed in the spring. " * 4
    path.write_text(
        "<html><head><title>Oil deal</title><script>var tracking = 1;</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Oil deal</h1><p>{para}</p><p>{para}</p></article>"
        "<footer>Subscribe to our newsletter</footer></body></html>", encoding="utf-8")
    doc = read(path)
    assert "Cordia sells oil to Avaria" in doc.text
    assert "tracking" not in doc.text and "Subscribe" not in doc.text
    assert doc.meta.title == "Oil deal"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b"  \n\n ", "is empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "looks binary"),
    ("latin1.txt", "Caf\u00e9 talks".encode("latin-1"), "is not UTF-8"),
    ("only-front.md", b"---\ntitle: x\n---\n", "has no article text"),
    ("bad-front.md", b"---\ntitle: [x\n---\nBody.",
     "front matter refused at line 3: did not find expected"),
    ("table.csv", b"a,b\n", "unsupported file type"),
])
def test_bad_files_get_a_clear_error_naming_them(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        read(path)
    assert str(path) in str(info.value) and message in str(info.value)
    assert "\n" not in str(info.value)


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("word " * 300, encoding="utf-8")
    with pytest.raises(DocumentError, match="over the 1,000-byte limit"):
        read(path, max_bytes=1000)


def test_collect_expands_folders_and_names_missing_paths(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.html").write_text("x", encoding="utf-8")
    (tmp_path / "c.png").write_bytes(b"x")
    files, missing = collect([tmp_path, tmp_path / "nope.txt"])
    assert [f.name for f in files] == ["a.txt", "b.html"]
    assert "nope.txt" in str(missing[0])


@pytest.mark.parametrize("line", [
    "By Lena Marsh, Cordia Daily Herald",
    "By LENA MARSH and Tomas Vek | Halden Wire",
    "By Ivo Stan, Middle East correspondent, Kestrel News",
    "Reporting by Ivo Stan in Orlin; Editing by Mara Holt",
    "(Additional reporting by Kestrel News staff)",
    "© 2024 Halden Media Group",
    "(c) 2023 Kestrel News. All rights reserved.",
    "Copyright Halden Wire 2024",
    "Photo: Kestrel News/Ivo Stan",
    "Photograph by Ivo Stan via Halden Wire",
    "By Mara Holt, 3 March 2024",
    "The Halden Wire contributed to this report.",
])
def test_bylines_and_credit_lines_are_credits(line):
    text = f"Cordia warns Borduria\n\n{line}\nCordia threatened Borduria.\n"
    assert [text[a:b] for a, b in credits(text)] == [line + "\n"]


@pytest.mark.parametrize(("line", "credited"), [
    ("(Kestrel News) — warned Borduria.", "(Kestrel News) —"),
    ("ORLIN (Kestrel News) - Cordia threatened Borduria.", "ORLIN (Kestrel News) -"),
    ("ORLIN, Cordia, May 2 (Halden Wire) — Cordia threatened Borduria.",
     "ORLIN, Cordia, May 2 (Halden Wire) —"),
])
def test_a_datelines_agency_is_a_credit_and_the_sentence_is_not(line, credited):
    text = f"Cordia warns Borduria\n\n{line}\n"
    assert [text[a:b] for a, b in credits(text)] == [credited]


@pytest.mark.parametrize("line", [
    "By Friday, Avaria had sent rifles to Cordia.",
    "By land and sea, Cordia moved troops to the border.",
    "Halden Media Group reported that Cordia threatened Borduria.",
    "Cordia (the larger state) — and Borduria met on Friday.",
    "Photographs of the talks showed Avaria's envoy with Borduria's.",
    "Video: Cordia fires missiles at Borduria",
    "Video: Cordia Fires Missiles At Borduria",
    "Photos: Cordia And Avaria Hold Drills Near Borduria",
    "By Land And Sea: Cordia And Avaria Encircle Borduria",
    "Copyright disputes led Cordia to threaten Borduria on Monday.",
    "All rights reserved, Cordia said, for its own envoys in Borduria.",
    "Under Article 5(c) 2 of the pact, Avaria must defend Borduria.",
    "CORDIA (through an interpreter): We warn Borduria.",
    "AVARIA (via video link): Borduria must withdraw.",
    "Reported by state media, Cordia sent troops to the border.",
    "Written by hand, the letter from Avaria warned Borduria.",
])
def test_article_sentences_are_not_credits(line):
    assert credits(f"Cordia warns Borduria\n\n{line}\n") == []


@pytest.mark.parametrize("title", ["By Land And Sea Cordia Encircles Borduria",
                                   "Photo: Cordia Meets Avaria/Borduria Talks"])
def test_the_title_is_never_a_credit(title):
    assert credits(f"{title}\n\nCordia threatened Borduria.\n") == []
