"""Real-world damage: encodings, line endings, spacing, control characters, and pathological sizes.

Two kinds of input: the byte-exact fixtures in ``fixtures/`` (``messy_alphaxiv.txt``: BOM, CRLF, trailing
spaces, a tab, NBSPs, a CSI colour sequence on line 5 and an OSC 52 clipboard write on line 6;
``cr_only_hf_compact.txt``: CR line endings, a C1 CSI on line 4 and a bidi override on line 5;
``damaged_hf_blank.txt``: a NUL byte on line 11 and invalid UTF-8 on line 13; ``binary.bin``), and variants
made here from the clean fixtures. Each must parse to the clean result, with a warning naming each damaged
line, or be rejected with ``DigestError``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from readq.models import ParseResult
from readq.parsing import DigestError, parse, parse_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CLEAN = ["hf_blank.txt", "hf_compact.txt", "alphaxiv.txt"]


def clean_result(name: str) -> ParseResult:
    return parse_bytes((FIXTURES / name).read_bytes())


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


# Harmless variants: the result must be identical, with no warnings.
HARMLESS: dict[str, Callable[[bytes], bytes]] = {
    "bom": lambda d: b"\xef\xbb\xbf" + d,
    "crlf": lambda d: d.replace(b"\n", b"\r\n"),
    "cr-only": lambda d: d.replace(b"\n", b"\r"),
    "bom+crlf+final-newline": lambda d: b"\xef\xbb\xbf" + d.rstrip(b"\n").replace(b"\n", b"\r\n") + b"\r\n",
    "trailing-spaces": lambda d: b"\n".join(line + b"  \t " for line in _lines(d)),
    "leading-blank-lines": lambda d: b"\n\n  \n" + d,
    "trailing-blank-lines": lambda d: d + b"\n\n\n   \n",
    "tabs": lambda d: d.replace(b" ", b"\t", 40),
    "nbsp": lambda d: d.replace(b" ", "\u00a0".encode(), 40),
    "other-unicode-spaces": lambda d: d.replace(b" ", "\u2009".encode(), 20).replace(
        b" ", "\u3000".encode(), 20
    ),
    "doubled-spaces": lambda d: d.replace(b" ", b"  ", 40),
    "utf16-with-bom": lambda d: "\ufeff".encode("utf-16-le") + d.decode().encode("utf-16-le"),
}


def _shifted(result: ParseResult, offset: int) -> ParseResult:
    entries = tuple(replace(e, line=e.line + offset) for e in result.entries)
    return replace(result, entries=entries)


@pytest.mark.parametrize("name", CLEAN)
@pytest.mark.parametrize("variant", HARMLESS.keys())
def test_harmless_variants_parse_identically(name: str, variant: str) -> None:
    data = (FIXTURES / name).read_bytes()
    expected = clean_result(name)
    if variant == "leading-blank-lines":
        expected = _shifted(expected, 3)
    assert parse_bytes(HARMLESS[variant](data)) == expected


# Damaging variants: (transform of line 3's bytes, expected warning text).
DAMAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "nul": (lambda line: line[:5] + b"\x00" + line[5:], "NUL bytes removed"),
    "invalid-utf8": (lambda line: line[:5] + b"\xff\xfe" + line[5:], "invalid UTF-8 replaced by U+FFFD"),
    "truncated-utf8": (lambda line: line + b"\xc3", "invalid UTF-8 replaced by U+FFFD"),
    "csi": (lambda line: b"\x1b[1;31m" + line + b"\x1b[0m", "terminal control characters removed"),
    "osc52": (
        lambda line: line[:5] + b"\x1b]52;c;cm0gLXJmIH4=\x07" + line[5:],
        "terminal control characters removed",
    ),
    "osc-st": (lambda line: line + b"\x1b]0;window title\x1b\\", "terminal control characters removed"),
    "c1": (
        lambda line: line[:5] + "\u009b2J\u0085".encode() + line[5:],
        "terminal control characters removed",
    ),
    "bidi": (
        lambda line: "\u202e".encode() + line + "\u2066\u2069".encode(),
        "terminal control characters removed",
    ),
    "bell-backspace-del": (
        lambda line: line[:5] + b"\x07\x08\x7f" + line[5:],
        "terminal control characters removed",
    ),
}


def _damage_line(data: bytes, number: int, transform: Callable[[bytes], bytes]) -> bytes:
    lines = _lines(data)
    lines[number - 1] = transform(lines[number - 1])
    return b"\n".join(lines)


@pytest.mark.parametrize(("name", "line"), [("hf_blank.txt", 11), ("hf_compact.txt", 3), ("alphaxiv.txt", 2)])
@pytest.mark.parametrize("damage", DAMAGE.keys())
def test_damage_on_a_title_line_warns_with_its_line(name: str, line: int, damage: str) -> None:
    transform, message = DAMAGE[damage]
    result = parse_bytes(_damage_line((FIXTURES / name).read_bytes(), line, transform))
    expected = clean_result(name)
    assert [(w.line, w.message) for w in result.warnings] == [(line, message)]
    assert result.layout == expected.layout and len(result.entries) == len(expected.entries)
    assert result.entries[1:] == expected.entries[1:]
    first, clean = result.entries[0], expected.entries[0]
    assert first.line == clean.line and first.abstract == clean.abstract
    if damage in ("nul", "csi", "osc-st", "bell-backspace-del", "c1", "osc52"):
        assert first.title == clean.title  # the whole sequence is gone, nothing of it is left behind
    assert not any(ch in first.title for ch in "\x00\x1b\x07\x08\x7f\u009b\u0085\u202e\u2066\u2069")


def test_control_characters_never_survive_anywhere() -> None:
    data = (FIXTURES / "alphaxiv.txt").read_bytes()
    lines = _lines(data)
    poisoned = b"\n".join(
        b"\x1b[2J\x1b]52;c;eA==\x07" + line.replace(b", ", b",\x1b[5m ") + "\u009b".encode() for line in lines
    )
    result = parse_bytes(poisoned)
    assert result.entries == clean_result("alphaxiv.txt").entries
    assert len(result.warnings) == 11  # ten lines named, then one "and N more lines"
    assert "more line" in result.warnings[-1].message


def test_messy_alphaxiv_fixture() -> None:
    result = parse_bytes((FIXTURES / "messy_alphaxiv.txt").read_bytes())
    assert result.entries == clean_result("alphaxiv.txt").entries
    assert [(w.line, w.message) for w in result.warnings] == [
        (5, "terminal control characters removed"),
        (6, "terminal control characters removed"),
    ]


def test_cr_only_compact_fixture() -> None:
    result = parse_bytes((FIXTURES / "cr_only_hf_compact.txt").read_bytes())
    clean = clean_result("hf_compact.txt")
    assert result.layout == "hf-compact"
    assert result.entries[0] == clean.entries[0]  # line 4 lost its C1 CSI entirely
    assert result.entries[1].title == "Hidden " + clean.entries[1].title  # only the override went
    assert result.entries[2:] == clean.entries[2:]
    assert [w.line for w in result.warnings] == [4, 5]


def test_damaged_blank_fixture() -> None:
    result = parse_bytes((FIXTURES / "damaged_hf_blank.txt").read_bytes())
    clean = clean_result("hf_blank.txt")
    assert result.entries[0].title == clean.entries[0].title
    assert result.entries[0].abstract == clean.entries[0].abstract.replace(
        "Streaming", "Stream\ufffding\ufffd", 1
    )
    assert result.entries[1:] == clean.entries[1:]
    assert [(w.line, w.message) for w in result.warnings] == [
        (11, "NUL bytes removed"),
        (13, "invalid UTF-8 replaced by U+FFFD"),
    ]


def test_markup_like_titles_are_kept_verbatim() -> None:
    title = "Results [/] and [@click=app.quit]quit[/]: Robust [b]Markup[/b] Handling \\[escaped]"
    abstract = "An abstract that is long enough to count as one. " * 4
    result = parse(f"Mar 11\n\n{title}\n\n{abstract}")
    assert result.entries[0].title == title
    assert result.warnings == ()


# Pathological inputs: each must finish quickly (no catastrophic backtracking) and raise or return.
TEN_MB = 10 * 1024 * 1024
PATHOLOGICAL = {
    "letters": "a" * TEN_MB,
    "camel": "aB" * (TEN_MB // 2),
    "names": "Ab Cd, " * (TEN_MB // 7),
    "spaces": " " * TEN_MB,
    "escapes": "\x1b[" + "1;" * (TEN_MB // 2),
    "osc": "\x1b]" * (TEN_MB // 2),
    "meta-like": "21.6CL" * (TEN_MB // 6),
    "subscribe": "Subscribe" + "Ab " * (TEN_MB // 3),
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_ten_megabyte_single_line_completes(text: str) -> None:
    try:
        result = parse(text)
    except DigestError as error:
        assert str(error).startswith("no paper entries found"), error
        return
    assert result.entries  # a parse that does not raise found papers, each of them in the input
    assert all(entry.title and entry.title in text for entry in result.entries)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_ten_megabyte_title_in_a_digest_completes(text: str) -> None:
    digest = "\n".join(
        ["17.3CLJan 12, 2025", text[: TEN_MB // 2] + "Nadia Okafor, Henrik Berg", "An abstract. " * 20]
    )
    for layout in (None, "alphaxiv", "hf-blank", "hf-compact"):
        try:
            result = parse(digest, layout)
        except DigestError:
            continue
        assert result.entries


@pytest.mark.timeout(60)
def test_ten_megabytes_of_bytes_complete() -> None:
    with pytest.raises(DigestError, match=r"^binary data, not a text digest$"):
        parse_bytes(b"\xff" * TEN_MB)
    with pytest.raises(DigestError, match=r"^binary data, not a text digest$"):
        parse_bytes(b"A Title\n" + b"\xc3(" * (TEN_MB // 2))


def test_six_hundred_entries() -> None:
    """Smoke test for size (timing is measured by benchmarks, not asserted here)."""
    abstract = (
        "We study something and report results that improve on strong baselines across benchmarks. " * 8
    )

    def word(i: int) -> str:
        return "".join(chr(97 + int(d)) for d in str(i))

    lines = []
    for i in range(600):
        lines += [
            f"{i % 40 + 1}.{i % 10}CLOct {i % 28 + 1}, 20{10 + i % 15}",
            f"Paper Number {i} on Topic {i % 7}Ana {word(i).title()}son, Bo Li{word(i)}n et al. · org",
            abstract,
        ]
    result = parse("\n".join(lines))
    assert len(result.entries) == 600 and result.warnings == ()
    assert result.entries[123].title == "Paper Number 123 on Topic 4"
    assert result.entries[123].authors == ("Ana Bcdson", "Bo Libcdn")
