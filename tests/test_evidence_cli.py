"""``accord evidence`` as a user runs it: a separate process, its exit status and streams."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from evidence_helpers import SEED

from conftest import EXAMPLES, TEST_DATA

CASE = str(EXAMPLES / "ukraine-ceasefire-2025-03.yaml")
CASE_TEXT = (EXAMPLES / "ukraine-ceasefire-2025-03.yaml").read_text()
HTML = """<!doctype html><html><head><title>Envoy upbeat - Example News</title>
<meta charset="utf-8"><meta property="article:published_time" content="2025-03-16T10:00:00Z">
<link rel="canonical" href="https://example.org/news/1"></head><body><nav>Home | World</nav>
<article><h1>Envoy upbeat</h1>
<p>"We had some really positive results," Steve Witkoff said on CNN on Sunday.</p>
<p>Ukrainian Foreign Minister Andrey Sibiga said on Saturday that Kyiv's forces would continue
their operations in the region for as long as necessary.</p>
</article><footer>Copyright 2025</footer></body></html>"""


def accord(*args: str, stdin: str | bytes | None = None, python_args: tuple[str, ...] = ()):
    return subprocess.run(
        [sys.executable, *python_args, "-m", "accord", *args],
        capture_output=True,
        input=stdin.encode() if isinstance(stdin, str) else stdin,
        timeout=120,
        env={"COLUMNS": "160", "PATH": "", "NO_COLOR": "1"},
    )


def test_json_contract_for_one_article():
    result = accord(
        "evidence", str(SEED), "--scenario", CASE, "--published", "2025-03-16", "--json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"article", "quotes", "mentions", "numbers", "evidence"}
    zelensky = next(q for q in data["quotes"] if q["medium"] == "Telegram")
    assert zelensky["date"] == "2025-03-16" and zelensky["actor"] == "UKR"
    assert data["article"]["text"][zelensky["start"] : zelensky["end"]] == zelensky["text"]
    assert data["article"]["sources_cited"] == ["RT.com", "TheGuardian.com", "Brighteon.com"]


def test_several_articles_give_an_array_in_order_with_distinct_ids(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text('"We are ready to talk," Vladimir Putin said on Friday.\n')
    result = accord("evidence", str(other), str(SEED), "--scenario", CASE, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 2
    assert data[0]["quotes"][0]["speaker"] == "Vladimir Putin"
    ids = [r["id"] for item in data for r in item["evidence"]]
    assert len(ids) == len(set(ids)) == 13


def test_standard_input():
    result = accord("evidence", "-", "--json", stdin='"We will not sign," Peskov said.\n')
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["quotes"][0]["speaker"] == "Peskov"


def test_table_output():
    result = accord("evidence", str(SEED), "--scenario", CASE)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "Steve Witkoff" in out and "ABC's This Week" in out and "Sources cited: RT.com" in out


def test_append(tmp_path):
    scenario = tmp_path / "case.yaml"
    scenario.write_text(CASE_TEXT)
    result = accord(
        "evidence",
        str(SEED),
        "--scenario",
        str(scenario),
        "--published",
        "2025-03-16",
        "--append",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    json.loads(result.stdout)  # stdout is still JSON only
    assert b"appended 12 evidence record(s)" in result.stderr
    assert (tmp_path / "case.yaml.bak").read_text() == CASE_TEXT
    again = accord(
        "evidence", str(SEED), "--scenario", str(scenario), "--published", "2025-03-16", "--append"
    )
    assert b"appended 0 evidence record(s)" in again.stderr and b"12 already there" in again.stderr


def test_html_article():
    result = accord("evidence", "-", "--json", stdin=HTML)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["article"]["title"] == "Envoy upbeat"
    assert data["article"]["published"] == "2025-03-16"
    assert "Home | World" not in data["article"]["text"]
    [direct, indirect] = data["quotes"]
    assert (direct["speaker"], direct["medium"], direct["date"]) == (
        "Steve Witkoff",
        "CNN",
        "2025-03-16",
    )
    assert (indirect["speaker"], indirect["date"]) == ("Andrey Sibiga", "2025-03-15")
    assert data["evidence"][0]["url"] == "https://example.org/news/1"


def test_html_without_the_news_extra(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(HTML)
    blocker = (
        "import sys, importlib.abc\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name.split('.')[0] == 'trafilatura':\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from accord.cli import main\n"
        f"sys.argv = ['accord', 'evidence', {str(page)!r}]\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", blocker], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert (
        result.stderr
        == f"accord: {page}: reading HTML needs the news extra: pip install 'accord[news]'\n"
    )


def _bad(tmp_path, name, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"  \n\n \t\n", "file is empty"),
        ("nul.txt", b"Some text\x00\x01\x02 more", "not a text file (it contains NUL bytes)"),
        ("doc.pdf", b"%PDF-1.7\n\xe2\xe3\xcf\xd3 binary", "is a PDF file, not an article"),
        (
            "latin1.txt",
            "Caf\u00e9 talks \u201cstalled\u201d".encode("cp1252"),
            "not valid UTF-8 at byte 3",
        ),
        (
            "mixed.txt",
            "Zelensky said \u201cno\u201d. Caf\u00e9".encode() + b" \x93yes\x94",
            "(mixed encodings)",
        ),
        (
            "nav.html",
            b"<html><body><nav>Home</nav><footer>(c)</footer></body></html>",
            "no main text",
        ),
        ("promo.txt", b"More related stories:\nA story.\nAnother one.\n", "no article text left"),
    ],
)
def test_bad_articles_one_line_exit_2(tmp_path, name, content, message):
    path = _bad(tmp_path, name, content)
    result = accord("evidence", path)
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert stderr.startswith(f"accord: {path}: ") and message in stderr
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert result.stdout == b""


def test_a_50_mb_file_is_refused_by_its_size(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: refused before it is read
    result = accord("evidence", str(path))
    assert result.returncode == 2
    assert result.stderr.decode() == f"accord: {path}: file is 52.4 MB; the limit is 10 MB\n"


def test_unbalanced_marks_keep_the_other_quotes(tmp_path):
    path = _bad(
        tmp_path,
        "stray.txt",
        b'The minister said talks were "over.\n\n"We will return," Aziz Karimov said.\n',
    )
    result = accord("evidence", path, "--json")
    assert result.returncode == 0
    quotes = json.loads(result.stdout)["quotes"]
    assert [q["text"] for q in quotes if q["kind"] == "direct"] == ["We will return,"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scenario", "nope.yaml"], "nope.yaml: no such file"),
        (["--append"], "--append needs --scenario FILE"),
        (
            ["--published", "16/03/2025"],
            "--published '16/03/2025': expected a date like 2025-03-16",
        ),
        (["-", "-"], "standard input) can be read only once"),
    ],
)
def test_bad_options(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = accord("evidence", str(SEED), *args, stdin="")
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert message in stderr and stderr.count("\n") == 1 and result.stdout == b""


def test_invalid_scenario_one_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((TEST_DATA / "minimal.yaml").read_text().replace("salience: 0.9", "salience: 9"))
    before = bad.read_text()
    result = accord("evidence", str(SEED), "--scenario", str(bad), "--append")
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"accord: {bad}:31: positions[0].salience: must be less than or equal to 1, got 9\n"
    )
    assert bad.read_text() == before and list(tmp_path.iterdir()) == [bad]
