"""``dragoman brief``: sections, every claim referenced, every reference pointing at a real
sentence of a stored document, article text escaped, and the command's exit codes."""

from __future__ import annotations

import re

import pytest
from dashboard_data import HOSTILE_SENTENCE, build_db

REF = re.compile(r"\[\\\[([EQ]\d+)\\\]\]\((http://[^)]+)/#doc/([0-9a-f]+)/(\d+)-(\d+)\)")
BASE = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("brief"))


@pytest.fixture(scope="module")
def store(db):
    from dragoman.store import Store

    with Store(db, read_only=True) as s:
        yield s


def brief(store, **kw) -> str:
    from dragoman.answers.brief import build_brief

    return build_brief(store, **kw)


def _section(text: str, title: str) -> list[str]:
    body = text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in body.splitlines() if line.startswith("- ")]


def test_dyad_brief_answers_what_where_through_whom_and_who_said_what(store):
    text = brief(store, dyad="ARM,AZE")
    assert text.startswith("# Brief: Armenia (ARM) – Azerbaijan (AZE)\n")
    for title in ("In short", "What happened", "Where", "Through whom", "Who said what", "Evidence"):
        assert f"\n## {title}\n" in text
    assert any("Ankara" in line and "Türkiye (city)" in line for line in _section(text, "Where"))
    assert any(line.startswith("- **Türkiye** (TUR): host or mediator") for line in _section(text, "Through whom"))
    assert any("Lilit Harutyunyan" in line for line in _section(text, "Who said what"))
    for title in ("What happened", "Where", "Through whom", "Who said what"):
        for line in _section(text, title):
            assert REF.search(line), f"claim without evidence in {title}: {line}"


def test_every_reference_is_a_sentence_of_a_stored_document(store):
    from dragoman.answers.brief import md

    text = brief(store, dyad="ARM,AZE", link_base=BASE)
    evidence = _section(text, "Evidence")
    cited = {m.group(1) for m in REF.finditer(text.split("## Evidence", 1)[0])}
    defined = {}
    for line in evidence:
        m = REF.match(line[2:])
        assert m, line
        tag, base, doc_id, start, end = m.groups()
        assert base == BASE and f"document `{doc_id}`" in line and re.search(r"sentence \d+: “", line)
        doc = store.document(doc_id)
        assert doc is not None
        span = doc["text"][int(start):int(end)]
        assert f"“{md(span)}”" in line                              # the sentence itself, quoted
        defined[tag] = (doc_id, start, end)
    assert cited == set(defined) and cited


def test_actor_brief_shows_the_actor_as_go_between(store):
    text = brief(store, actor="TUR", link_base=None)
    lines = _section(text, "Türkiye as host or mediator")
    assert any("Armenia and Azerbaijan" in line and "Ankara" in line for line in lines)
    assert all(re.search(r"\[E\d+\]", line) for line in lines)
    assert "Recep Tayyip Erdoğan" in text


def test_period_limits_the_brief(store):
    march = brief(store, dyad="ARM,AZE", since="2025-03-01", until="2025-03-31")
    assert "Period: 2025-03-01 to 2025-03-31" in march
    assert "Abu Dhabi" in march     # the meeting planned for 'next week' (the week of 3 March)
    january = brief(store, dyad="ARM,AZE", since="2025-01-01", until="2025-01-31")
    days = re.findall(r"^- \*\*(\d{4}-\d{2})", january, flags=re.M)
    assert days and set(days) == {"2025-01"}     # only what happened in January ('consultations stalled in January')
    empty = brief(store, dyad="ARM,AZE", since="2030-01-01")
    assert "No events match" in empty


def test_article_text_is_escaped_not_markup(store):
    from dragoman.answers.brief import md

    text = brief(store, actor="RUS", link_base=None)
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" not in text             # parentheses are not escaped
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "<img" not in text and "<script" not in text
    assert HOSTILE_SENTENCE.split(" <img")[0] in text
    assert md("a *b* [c](d) <e> & `f` _g_") == r"a \*b\* \[c\](d) &lt;e&gt; &amp; \`f\` \_g\_"


@pytest.mark.parametrize("kw", [{}, {"actor": "TUR", "dyad": "ARM,AZE"}, {"dyad": "ARM"}, {"actor": "t"},
                                {"actor": "TUR", "since": "2025-02-31"}])
def test_bad_arguments_raise_value_error(store, kw):
    with pytest.raises(ValueError):
        brief(store, **kw)


def test_command_line(db, tmp_path, capsys):
    from dragoman.cli.main import main

    assert main(["brief", "--db", str(db), "--dyad", "ARM,AZE"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Brief: Armenia") and f"{BASE}/#doc/" in out
    target = tmp_path / "b.md"
    assert main(["brief", "--db", str(db), "--actor", "TUR", "--link-base", "none", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Brief: Türkiye (TUR)")
    assert main(["brief", "--db", str(db), "--dyad", "ARM"]) == 2
    assert "dyad" in capsys.readouterr().err
    assert main(["brief", "--db", str(tmp_path / "none.duckdb"), "--actor", "TUR"]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["brief", "--db", str(db)])                                  # neither --actor nor --dyad
    assert exc.value.code == 2
