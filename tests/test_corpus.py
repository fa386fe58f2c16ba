"""Reading corpora: folders with metadata.csv, .jsonl files, and bad input named in one line each."""
from datetime import date

import pytest

from kg.corpus import ReadReport, read_corpus
from kg.errors import CorpusError

HEADER = "file,title,published,outlet,url\n"


def read(path):
    report = ReadReport()
    return list(read_corpus(path, report)), report


def test_folder_with_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Kenya hosted talks.\r\nSecond line.", encoding="utf-8", newline="")
    (tmp_path / "b.md").write_text("# Title\n\nThe AU mediated.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(HEADER + 'a.txt,"Talks, again",2023-05-02,Daily Nation,https://x.test/a\n',
                                           encoding="utf-8")
    docs, report = read(tmp_path)
    assert [d.source for d in docs] == ["a.txt", "b.md"]
    first = docs[0]
    assert first.text == "Kenya hosted talks.\r\nSecond line."  # CRLF kept: offsets index the file
    assert (first.title, first.published, first.outlet, first.url) == (
        "Talks, again", date(2023, 5, 2), "Daily Nation", "https://x.test/a")
    assert docs[1].title is None and not report.skipped and not report.warnings


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\n", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
])
def test_unusable_articles_are_skipped_and_named(tmp_path, name, content, reason):
    (tmp_path / "good.txt").write_text("Qatar mediated between the two sides.", encoding="utf-8")
    (tmp_path / name).write_bytes(content)
    docs, report = read(tmp_path)
    assert [d.source for d in docs] == ["good.txt"]
    assert len(report.skipped) == 1
    item, why = report.skipped[0]
    assert item == name and why.startswith(reason)


@pytest.mark.parametrize("controls, skipped", [
    ("\x01\x02\x1b\x0b", True),          # 4 of 31 characters: over a tenth
    ("\x01\x02\x1b", False),              # 3 of 31: under
    ("\t\n\r\f\t\n\r\f", False),        # tabs, line and page breaks are text
])
def test_a_text_mostly_of_control_characters_is_binary(tmp_path, controls, skipped):
    (tmp_path / "odd.txt").write_text("Talks in Doha, 3 May." + controls + "x" * (10 - len(controls) % 10),
                                      encoding="utf-8", newline="")
    docs, report = read(tmp_path)
    assert (not docs) == skipped
    assert [why for _, why in report.skipped] == (["binary file (mostly control characters)"] if skipped else [])


def test_latin1_article_is_read_with_a_warning(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Côte d'Ivoire and Mali signed an accord.".encode("latin-1"))
    docs, report = read(tmp_path)
    assert docs[0].text == "Côte d'Ivoire and Mali signed an accord."
    assert report.warnings == ["latin.txt: not valid UTF-8; read as Windows-1252"]


@pytest.mark.parametrize("encoding, bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")])
def test_byte_order_marks_are_not_part_of_the_text(tmp_path, encoding, bom):
    (tmp_path / "bom.txt").write_bytes(bom + "Niger's junta spoke.".encode(encoding))
    docs, _ = read(tmp_path)
    assert docs[0].text == "Niger's junta spoke."


def test_unknown_extensions_are_counted_not_read(tmp_path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    docs, report = read(tmp_path)
    assert len(docs) == 1 and report.ignored == ["photo.jpg"]


@pytest.mark.parametrize("metadata, warning", [
    ("title,published\nx,2020-01-01\n", "no 'file' column"),
    (HEADER + "a.txt,T,yesterday,,\n", ":2: 'published' is 'yesterday'; expected YYYY-MM-DD (row ignored)"),
    (HEADER + "a.txt,T,,,\na.txt,U,,,\n", ":3: second row for a.txt (row ignored)"),
    (HEADER + "missing.txt,T,,,\n", "row for missing.txt, which is not in the corpus"),
    ("file,title,published,outlet,url,extra\na.txt,T,,,,z\n", "extra columns ignored: extra"),
])
def test_malformed_metadata_is_named_and_ignored(tmp_path, metadata, warning):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(metadata, encoding="utf-8")
    docs, report = read(tmp_path)
    assert len(docs) == 1
    assert any(warning in w for w in report.warnings), report.warnings


def test_metadata_with_byte_order_mark(tmp_path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes(b"\xef\xbb\xbf" + (HEADER + "a.txt,T,2021-03-14,,\n").encode())
    docs, report = read(tmp_path)
    assert docs[0].published == date(2021, 3, 14) and not report.warnings


def test_jsonl_corpus(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "n1", "text": "Egypt hosted talks.", "published": "2024-01-05", "outlet": "Ahram"}\n'
                    "not json\n"
                    '{"id": "n2", "title": "no text"}\n'
                    '{"id": "n1", "text": "again"}\n', encoding="utf-8")
    docs, report = read(path)
    assert [(d.source, d.published, d.outlet) for d in docs] == [("n1", date(2024, 1, 5), "Ahram")]
    assert [item for item, _ in report.skipped] == [f"{path.as_posix()}:2", f"{path.as_posix()}:3",
                                                    f"{path.as_posix()}:4"]


@pytest.mark.parametrize("make", [lambda p: p / "nope", lambda p: (p / "x.csv").write_text("a") and p / "x.csv"])
def test_missing_or_wrong_corpus_is_an_error(tmp_path, make):
    with pytest.raises(CorpusError):
        read(make(tmp_path))
