"""Tests for scripts/gen_corpus.py: the benchmark corpus must be valid, varied and stable.

Benchmarks compare build times between runs and tools, so the corpus has to be
byte-identical for a seed and has to follow the content contract (a corpus the
hub rejects would benchmark error handling, not building).
"""

from __future__ import annotations

import ast
import importlib
import re
import runpy
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
N = 300
SEED = 7
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATED_NAME = re.compile(r"^(\d{4})-\d{2}-\d{2}-[a-z0-9-]+\.md$")
TURN = re.compile(r"^(?:\[[0-9: -]+\]\s*)?([^:：\s]+?)\s*[:：]")
REQUIRED = {
    "transcripts": {"title", "date", "group", "host", "speakers", "platform", "tags"}
    | {"summary", "editor"},
    "events": {"title", "date", "end", "location", "host", "speakers", "group", "tags"}
    | {"capacity", "signup"},
    "rules": {"title", "group", "version", "effective", "history"},
    "members": {"name", "aliases", "role", "org", "title", "joined"},
    "pages": {"title"},
}


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT / "scripts"))
        return importlib.import_module("gen_corpus")


def build(gen: ModuleType, out: Path, *args: str) -> Path:
    assert gen.main([str(N), str(out), "--seed", str(SEED), *args]) == 0
    return out


def snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def split(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    head, body = text[4:].split("\n---\n", 1)
    meta = yaml.safe_load(head)
    assert isinstance(meta, dict), path
    return meta, body


def key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold()


@pytest.fixture(scope="module")
def corpus(gen: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(gen, tmp_path_factory.mktemp("corpus") / "hub")


@pytest.fixture(scope="module")
def docs(corpus: Path) -> dict[str, list[tuple[Path, dict, str]]]:
    found: dict[str, list[tuple[Path, dict, str]]] = {kind: [] for kind in REQUIRED}
    for path in sorted((corpus / "content").rglob("*.md")):
        kind = path.relative_to(corpus / "content").parts[0]
        found[kind].append((path, *split(path)))
    return found


def test_same_seed_is_byte_identical_and_another_seed_differs(
    gen: ModuleType, corpus: Path, tmp_path: Path
) -> None:
    again = build(gen, tmp_path / "again")
    assert snapshot(again) == snapshot(corpus)
    other = tmp_path / "other"
    assert gen.main([str(N), str(other), "--seed", str(SEED + 1)]) == 0
    assert snapshot(other) != snapshot(corpus)


def test_counts_by_type_add_up_to_n(gen: ModuleType, docs: dict) -> None:
    counts = gen.plan_counts(N, 4)
    found = {kind: len(items) for kind, items in docs.items()}
    assert found == {
        "members": counts.members,
        "transcripts": counts.transcripts,
        "events": counts.events,
        "rules": 4,
        "pages": 2,
    }
    assert sum(found.values()) == N
    assert counts.members >= 8
    upcoming = [m for _, m, _ in docs["events"] if m["date"] > "2026-06-30 12:00"]
    assert len(upcoming) == counts.upcoming >= 1


def test_small_and_large_plans_add_up(gen: ModuleType) -> None:
    for n, groups in ((20, 1), (1000, 4), (50_000, 12)):
        counts = gen.plan_counts(n, groups)
        assert counts.total == n
        assert counts.transcripts > counts.events > counts.upcoming > 0


def test_front_matter_has_the_contract_keys(docs: dict) -> None:
    for kind, items in docs.items():
        for path, meta, body in items:
            assert REQUIRED[kind] <= set(meta), (path, REQUIRED[kind] - set(meta))
            assert body.strip(), path
            for field in ("date", "end"):
                if field in meta:
                    assert DATE_TIME.match(meta[field]), (path, meta[field])
            if kind in ("transcripts", "events"):
                assert re.fullmatch(r"g\d\d", meta["group"])
                assert meta["tags"] and all(isinstance(t, str) for t in meta["tags"])
            if "duration" in meta:
                assert re.fullmatch(r"\d\d:\d\d:00", meta["duration"]), path
    for path, meta, body in docs["rules"]:
        assert isinstance(meta["version"], str)
        assert meta["history"][0]["version"] == meta["version"]
        assert all(isinstance(h["version"], str) and h["note"] for h in meta["history"])
        items = re.findall(r"^\d+\. ", body, re.MULTILINE)
        assert 8 <= len(items) <= 12, path
    for _, meta, _ in docs["events"]:
        assert meta["signup"].startswith("https://example.org/")
        assert meta.get("attendees", 0) <= meta["capacity"]


def test_file_names_are_dated_slugs_in_year_folders(docs: dict) -> None:
    slugs = []
    for kind in ("transcripts", "events"):
        for path, meta, _ in docs[kind]:
            match = DATED_NAME.match(path.name)
            assert match, path
            assert path.parent.name == match[1] == meta["date"][:4]
            assert path.name.startswith(meta["date"][:10])
            slugs.append(path.stem[11:])
    for path, _, _ in docs["members"]:
        assert re.fullmatch(r"m\d{4}", path.stem)
    assert len(slugs) == len(set(slugs))


def test_member_names_and_aliases_are_unique(docs: dict) -> None:
    claimed = []
    for path, meta, _ in docs["members"]:
        assert 1 <= len(meta["aliases"]) <= 3
        claimed += [path.stem, meta["name"], *meta["aliases"]]
        assert DAY.match(str(meta["joined"]))
    assert len({key(name) for name in claimed}) == len(claimed)


def test_drafts_and_private_transcripts(gen: ModuleType, docs: dict) -> None:
    counts = gen.plan_counts(N, 4)
    statuses = [meta.get("status", "published") for _, meta, _ in docs["transcripts"]]
    assert statuses.count("draft") == counts.drafts >= 1
    assert statuses.count("private") == counts.private >= 1


def test_transcripts_have_turns_sections_and_quotes(docs: dict) -> None:
    refs = {key(p.stem) for p, _, _ in docs["members"]}
    for _, meta, _ in docs["members"]:
        refs |= {key(meta["name"]), *(key(a) for a in meta["aliases"])}
    assert not refs & {"注意", "举例", "补充"}
    quoted = 0
    for path, meta, body in docs["transcripts"]:
        paragraphs = body.split("\n\n")
        names = [m[1] for m in map(TURN.match, paragraphs) if m]
        turns = [name for name in names if key(name) in refs]
        assert len(turns) >= 5, path
        assert key(meta["host"]) in refs
        assert all(key(s) in refs for s in meta["speakers"])
        quoted += sum(p.startswith("> ") for p in paragraphs)
    assert quoted > len(docs["transcripts"])
    bodies = "\n".join(body for _, _, body in docs["transcripts"])
    for marker in ("## 开场", "## 主题分享", "## 问答环节", "\n注意：", "\n> —— ", "："):
        assert marker in bodies


def test_transcript_sizes_are_realistic(docs: dict) -> None:
    sizes = [path.stat().st_size for path, _, _ in docs["transcripts"]]
    assert 4_000 <= sum(sizes) / len(sizes) <= 10_000
    assert min(sizes) >= 1_500
    assert max(sizes) <= 25_000


def test_settings_file(corpus: Path) -> None:
    tree = ast.parse((corpus / "pelicanconf.py").read_text(encoding="utf-8"))
    values = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
    }
    assert values["SITENAME"] == f"合成社区 {N}"
    assert values["THEME"] == str(ROOT / "theme")
    plugins = runpy.run_path(str(ROOT / "pelicanconf.py"))["PLUGINS"]  # qunzhi.defaults'
    assert values["PLUGINS"] == plugins  # every feature of the demo is benchmarked
    assert "qunzhi.search" in plugins
    assert values["HUB_NOW"] == "2026-06-30 12:00"
    assert list(values["HUB_GROUPS"]) == ["g01", "g02", "g03", "g04"]
    assert {g["platform"] for g in values["HUB_GROUPS"].values()} <= {"wechat", "qq", "offline"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["abc", "{out}"], "argument N: invalid int value: 'abc'"),
        (["10", "{out}"], "N must be at least 16 with 4 groups, got 10"),
        (["100", "{out}", "--groups", "0"], "--groups: expected 1 to 99, got 0"),
        (["100", "{out}", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    gen: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture, args: list, message: str
) -> None:
    argv = [arg.format(out=tmp_path / "out") for arg in args]
    assert gen.main(argv) == 2
    err = capsys.readouterr().err
    assert err == f"gen_corpus.py: error: {message}\n"
    assert not (tmp_path / "out").exists()


def test_non_empty_out_needs_force(gen: ModuleType, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    stale = out / "content" / "transcripts" / "stale.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("old", encoding="utf-8")
    assert gen.main(["40", str(out)]) == 2
    assert "OUT is not empty" in capsys.readouterr().err
    assert gen.main(["40", str(out), "--force"]) == 0
    assert not stale.exists()
    assert len(list((out / "content").rglob("*.md"))) == 40
    (out / ".git").mkdir()
    assert gen.main(["40", str(out), "--force"]) == 2
    assert "OUT holds a git repository" in capsys.readouterr().err
    assert (out / "content").is_dir()


def test_help_is_complete(gen: ModuleType, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        gen.main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for word in ("N", "OUT", "--seed", "--groups", "--force", "byte-identical", "Exit status"):
        assert word in out


def test_the_hub_accepts_the_corpus_without_a_warning(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from qunzhi.cli import main

    monkeypatch.chdir(corpus)
    code = main(["check", "--strict"])
    assert (code, capsys.readouterr().err) == (0, "")
