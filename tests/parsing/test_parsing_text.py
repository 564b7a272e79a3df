"""Decoding bytes and cleaning fields: BOMs, invalid UTF-8, NULs, binary data, terminal control sequences."""

from __future__ import annotations

import codecs

import pytest

from readq.models import Warning_
from readq.parsing import DigestError, clean_field, decode
from readq.text.clean import WARNING_CAP, is_month, scrub, split_lines


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain title", "plain title"),
        ("tab\tinside", "tab inside"),
        ("no\u00a0break\u202fspaces\u3000here", "no break spaces here"),
        ("  padded   and  doubled  ", "padded and doubled"),
        ("red \x1b[31mwarning\x1b[0m text", "red warning text"),
        ("bold \x1b[1;4;38;5;196mcolour\x1b[m", "bold colour"),
        ("clip \x1b]52;c;ZWNobyBwd25lZA==\x07board", "clip board"),
        ("title \x1b]0;new window title\x1b\\ set", "title set"),
        ("link \x1b]8;;https://example.org\x07text\x1b]8;;\x07", "link text"),
        ("unterminated \x1b]0;rest of the line", "unterminated"),
        ("charset \x1b(Bswitch", "charset switch"),
        ("reset\x1bc here", "reset here"),
        ("c1 csi \u009b2J clear", "c1 csi clear"),
        ("c1 osc \u009d0;t\u009c end", "c1 osc end"),
        ("c1 \u0085next \u0080line\u0099", "c1 next line"),
        ("c1 dcs \u0090q#0;2;0;0;0\u009c done", "c1 dcs done"),
        ("bell\x07 and backspace\x08", "bell and backspace"),
        ("del\x7fete", "delete"),
        ("bidi \u202eevil\u202c and \u2066isolate\u2069", "bidi evil and isolate"),
        ("stray\ufeffbom", "straybom"),
        ("markup [/] and [@click=app.quit]quit[/] stays", "markup [/] and [@click=app.quit]quit[/] stays"),
        ("[bold red]not markup[/bold red]", "[bold red]not markup[/bold red]"),
        ("emoji 👩‍🔬 and zero\u200bwidth stay", "emoji 👩‍🔬 and zero\u200bwidth stay"),
        ("two\nlines\t\n kept", "two\nlines\nkept"),
    ],
)
def test_clean_field(raw: str, clean: str) -> None:
    assert clean_field(raw) == clean


def test_scrub_reports_stripping_but_not_spacing() -> None:
    assert scrub("a\tb\u00a0c  d ") == ("a b c d", False)
    assert scrub("a\x1b[0mb") == ("ab", True)
    assert scrub("a\u202eb") == ("ab", True)


def test_clean_field_on_long_pathological_input_is_linear() -> None:
    nasty = ("\x1b[" + "1;" * 5000) * 200 + "\x1b]" + "x" * 1_000_000 + "\x9b" + "9" * 1_000_000
    assert "\x1b" not in clean_field(nasty)


def test_split_lines_normalises_endings_and_warns_per_line() -> None:
    lines, warnings = split_lines("\ufeffa\r\nb \r c\x1b[1m\n\td")
    assert lines == ["a", "b", "c", "d"]
    assert warnings == [Warning_(3, "terminal control characters removed")]


def test_split_lines_caps_warnings() -> None:
    _, warnings = split_lines("\n".join(f"line {i}\x1b[0m" for i in range(25)))
    assert len(warnings) == WARNING_CAP + 1
    assert [w.line for w in warnings[:WARNING_CAP]] == list(range(1, WARNING_CAP + 1))
    assert "15 more lines" in warnings[-1].message


def test_decode_plain_and_bom() -> None:
    assert decode(b"hello\nworld") == ("hello\nworld", [])
    assert decode(codecs.BOM_UTF8 + "caf\u00e9".encode()) == ("caf\u00e9", [])
    assert decode(b"") == ("", [])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    assert decode(bom + "Titel über\nZoë".encode(codec)) == ("Titel über\nZoë", [])


def test_decode_invalid_utf8_names_each_line() -> None:
    text, warnings = decode(b"fine\r\nbad \xff here\rfine\nalso \xc3 bad\n")
    assert text == "fine\r\nbad \ufffd here\rfine\nalso \ufffd bad\n"
    assert warnings == [
        Warning_(2, "invalid UTF-8 replaced by U+FFFD"),
        Warning_(4, "invalid UTF-8 replaced by U+FFFD"),
    ]


def test_decode_invalid_utf8_warnings_are_capped() -> None:
    data = b"\n".join(b"Some perfectly readable title \xe9 with one bad byte" for _ in range(40))
    text, warnings = decode(data)
    assert text.count("\ufffd") == 40
    assert [w.line for w in warnings[:WARNING_CAP]] == list(range(1, WARNING_CAP + 1))
    assert len(warnings) == WARNING_CAP + 1
    assert warnings[-1].line == WARNING_CAP + 1 and "30 more lines" in warnings[-1].message


def test_decode_removes_nul_bytes_with_a_warning() -> None:
    text, warnings = decode(b"first\nsec\x00ond\x00\nthird")
    assert text == "first\nsecond\nthird"
    assert warnings == [Warning_(2, "NUL bytes removed")]


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 20,
        b"\x00" * 1000,
        "A title\n".encode("utf-16-le") * 50,  # UTF-16 without a byte-order mark: NUL-heavy
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04\x14\x00\x06\x00",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
        b"Readable start\n" + b"\x01\x02\x03\x04\x05\x06" * 100,
    ],
    ids=["all-bytes", "nuls", "utf16-no-bom", "pdf", "png", "zip", "gzip", "controls"],
)
def test_decode_rejects_binary(data: bytes) -> None:
    with pytest.raises(DigestError, match="binary data, not a text digest"):
        decode(data)


def test_is_month() -> None:
    assert all(is_month(m) for m in ("Jan", "Sept", "September", "may", "Dec."))
    assert not any(is_month(m) for m in ("Ma", "Mayo", "Subscribe", ""))
