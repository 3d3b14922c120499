"""CSV files as real tools export them: sniffed delimiters, padded headers, encodings.

Each test proves one thing a user's file needs and that failed before the reader learnt
it: a semicolon file read as one column, a FEBRL header keeping " given_name", no way to
read a cp1252 export.
"""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest

import goldenrecord as gr
from goldenrecord._io import read_table

EXPECTED = {"id": ["1", "2"], "email": ["ana@x.io", None], "name": ["Ana Lima", "Bo"]}


@pytest.mark.parametrize(("sep", "word"), [(";", "semicolon"), ("\t", "tab"), ("|", "pipe")])
def test_the_delimiter_is_sniffed_and_noted(tmp_path: Path, sep: str, word: str) -> None:
    """Semicolon, tab and pipe files read into their columns, and the notes say so."""
    path = tmp_path / "t.csv"
    rows = ["id", "email", "name"], ["1", "ana@x.io", "Ana Lima"], ["2", "", "Bo"]
    path.write_text("".join(sep.join(r) + "\n" for r in rows), encoding="utf-8")
    table = read_table(path)
    assert table == EXPECTED
    assert any(f"{word}-separated" in note for note in table.notes)


def test_a_comma_file_needs_no_note(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,email,name\n1,ana@x.io,Ana Lima\n2,,Bo\n", encoding="utf-8")
    table = read_table(path)
    assert table == EXPECTED
    assert table.notes == ()


def test_commas_inside_quotes_do_not_win_the_sniffing(tmp_path: Path) -> None:
    """A semicolon file whose quoted cells hold commas is still semicolon-separated."""
    path = tmp_path / "t.csv"
    path.write_text('id;address\n1;"1, Main St, Springfield"\n', encoding="utf-8")
    assert read_table(path) == {"id": ["1"], "address": ["1, Main St, Springfield"]}


def test_sep_overrides_the_sniffing(tmp_path: Path) -> None:
    """With sep given, a comma file whose cells hold semicolons is split on commas only."""
    path = tmp_path / "t.csv"
    path.write_text("id;x,note\n1;a,b\n", encoding="utf-8")
    assert read_table(path, sep=",") == {"id;x": ["1;a"], "note": ["b"]}
    assert read_table(path, sep="semicolon") == {"id": ["1"], "x,note": ["a,b"]}
    with pytest.raises(gr.SettingsError, match="sep must be one character"):
        read_table(path, sep=";;")


def test_febrl_headers_and_cells_lose_their_padding(tmp_path: Path) -> None:
    """FEBRL writes ", " between cells: the names are the bare names, cells unpadded."""
    path = tmp_path / "febrl.csv"
    path.write_text(
        "rec_id, given_name, surname\nrec-1-org, michaela, neumann\nrec-1-dup-0, , neuman\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert table == {
        "rec_id": ["rec-1-org", "rec-1-dup-0"],
        "given_name": ["michaela", None],
        "surname": ["neumann", "neuman"],
    }
    assert any("space after each delimiter" in note for note in table.notes)


def test_spaces_around_header_names_are_trimmed(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id ,email\n1,a@b.io\n", encoding="utf-8")
    table = read_table(path)
    assert list(table) == ["id", "email"]
    assert any("trimmed the spaces around 1 column name" in note for note in table.notes)


def test_resolve_reads_a_febrl_style_file_with_a_schema_naming_bare_columns(
    tmp_path: Path,
) -> None:
    """gr.resolve(path, schema) finds 'given_name' in a padded header; the report notes it."""
    path = tmp_path / "febrl.csv"
    path.write_text(
        "rec_id, given_name, surname\nrec-1-org, michaela, neumann\nrec-1-dup-0, michaela, "
        "neumann\nrec-2-org, bo, chen\n",
        encoding="utf-8",
    )
    schema = gr.Schema(id="rec_id", fields={"given_name": "given_name", "surname": "family_name"})
    res = gr.resolve(path, schema)
    assert res.clusters["rec-1-org"] == res.clusters["rec-1-dup-0"] != res.clusters["rec-2-org"]
    assert any("space after each delimiter" in note for note in res.report.notes)


def test_resolve_reads_a_semicolon_file_with_an_inferred_schema(tmp_path: Path) -> None:
    """The semicolon file that used to fail with 'no column looks like a record id'."""
    path = tmp_path / "t.csv"
    path.write_text(
        "id;email;name\n1;ana.lima@gmail.com;Ana Lima\n2;ana.lima@gmail.com;ana lima\n"
        "3;bo@x.io;Bo Chen\n",
        encoding="utf-8",
    )
    res = gr.resolve(path)
    assert res.clusters["1"] == res.clusters["2"] != res.clusters["3"]
    assert any("semicolon-separated" in note for note in res.report.notes)
    forced = gr.resolve({"a": path}, sep=";")
    assert forced.report.notes == ()


def test_encoding_reads_a_cp1252_export(tmp_path: Path) -> None:
    """A cp1252 file is refused as UTF-8 with advice, and read with encoding=."""
    path = tmp_path / "t.csv"
    path.write_bytes("id,name\n1,Zoë Müller\n".encode("cp1252"))
    with pytest.raises(gr.SettingsError, match="give its encoding with encoding=") as info:
        read_table(path)
    assert "Zo" not in str(info.value)
    assert read_table(path, encoding="cp1252") == {"id": ["1"], "name": ["Zoë Müller"]}
    res = gr.resolve(path, gr.Schema(id="id", fields={"name": "full_name"}), encoding="cp1252")
    assert res.prepared.raw["name"] == ["Zoë Müller"]


def test_an_unknown_encoding_is_a_settings_error(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id\n1\n", encoding="utf-8")
    with pytest.raises(gr.SettingsError, match="unknown encoding 'klingon'"):
        read_table(path, encoding="klingon")


@pytest.mark.parametrize("bom", ["utf-8-sig", "utf-16-le", "utf-16-be"])
def test_a_byte_order_mark_chooses_the_encoding(tmp_path: Path, bom: str) -> None:
    """Excel's 'Unicode text' export (UTF-16 with a mark, tab-separated) reads as is,
    even when another encoding is given, and gzipped too."""
    text = "id\tname\n1\tZoë\n"
    mark = (
        codecs.BOM_UTF8
        if bom == "utf-8-sig"
        else (codecs.BOM_UTF16_LE if bom == "utf-16-le" else codecs.BOM_UTF16_BE)
    )
    data = mark + text.encode(bom.replace("-sig", ""))
    (tmp_path / "t.csv").write_bytes(data)
    (tmp_path / "t.csv.gz").write_bytes(gzip.compress(data))
    for name in ("t.csv", "t.csv.gz"):
        assert read_table(tmp_path / name, encoding="latin-1") == {"id": ["1"], "name": ["Zoë"]}
