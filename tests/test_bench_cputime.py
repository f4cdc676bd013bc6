import io
import json

import pytest
from django.core.management import call_command

from api.urls import router
from bench import cputime
from bench.management.commands.generate_bench_data import Command


@pytest.mark.django_db
def test_cpu_harness_times_every_page_and_writes_every_row(settings, tmp_path):
    # bench/ is installed only under bench.settings: run the command object itself.
    call_command(Command(), scale=0.3, seed=7, reports=12, stdout=io.StringIO())
    settings.ROOT_URLCONF = "bench.urls"  # /bench-floor/

    result = cputime.report(requests=2, warmup=1, out=tmp_path / "results.json", floor_requests=2)

    written = json.loads((tmp_path / "results.json").read_text())["cpu"]
    names = [*cputime.TARGETS, *cputime.api_urls()]
    assert sorted(written["pages"]) == sorted(names)
    assert len(names) == len(cputime.TARGETS) + len(router.registry)  # every API list endpoint
    for name in names:
        row = written["pages"][name]
        assert row["status"] == 200, name
        # Between two edits a kept fragment may serve a page or an API list without a
        # query; after an edit (a new content generation before each request) it reads
        # the database.
        kept = name != "staff dashboard"
        assert ("after_edit" in row) == kept, name
        measured = row["after_edit"] if kept else row
        assert row["cpu_ms"] > 0 and measured["cpu_ms"] > 0 and measured["queries"] > 0, name
        assert row["target"] and isinstance(row["pass"], bool), name
    assert written["floor"]["cpu_ms"] > 0
    assert written["floor"]["queries"] == 0
    lines = cputime.table(result).splitlines()
    for name in names:
        assert any(
            line.startswith(f"| {name} |") and ("PASS" in line or "FAIL" in line) for line in lines
        ), name
