"""The bad-input matrix (hostile_cases.py): every case ends in exactly one
``file:line: key: …`` line on stderr, a non-zero exit, no traceback, the previous
output byte for byte, and ``qunzhi check`` saying the same line."""

from __future__ import annotations

import hashlib
import re

import pytest
from hostile_cases import CASES, Case

ERROR_LINE = re.compile(r"^(?!qunzhi: )\S.*?:\d+: ")


def digests(site) -> dict[str, str]:
    return {name: hashlib.blake2b(data).hexdigest() for name, data in site.all_output().items()}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_one_line_and_keeps_the_output(case: Case, hostile_site, qunzhi, tmp_path):
    before = digests(hostile_site)
    if case.relative:
        hostile_site.write(case.relative, case.text)
    if case.setup is not None:
        outside = tmp_path / "outside"
        outside.mkdir()
        case.setup(hostile_site.content, outside)
    strict = ["--strict"] if case.strict else []

    built = qunzhi(hostile_site, "build", *strict)
    checked = qunzhi(hostile_site, "check", *strict)

    found = []
    for result in (built, checked):
        assert result.code == 1, result.err
        assert "Traceback" not in result.err
        located = [
            line
            for line in result.lines
            if ERROR_LINE.match(line) and (case.strict or ": warning: " not in line)
        ]
        assert located == [line for line in located if line.startswith(f"content/{case.where}")]
        assert len(located) == 1, result.err
        assert case.says in located[0], located[0]
        assert all(line.isprintable() for line in result.lines), result.err
        found.append(located)
    assert found[0] == found[1]  # check refuses what build refuses, at the same line
    assert digests(hostile_site) == before
