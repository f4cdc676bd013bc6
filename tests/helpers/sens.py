"""Running ``import_sens`` in tests, and reading what its last run recorded."""

import io

from django.core.management import call_command

DAY = "2026-11-30"  # the export date the tests' exports carry


def run(path, *args):
    out = io.StringIO()
    call_command("import_sens", str(path), "--export-date", DAY, "--no-progress", *args, stdout=out)
    return out.getvalue()


def report_rows(run_obj=None):
    """{(table, key, action, rule)} of an import run's report (the latest by default)."""
    from sens.models import ImportRun

    run_obj = run_obj or ImportRun.objects.latest("pk")
    return {(r["table"], r["key"], r["action"], r["rule"]) for r in run_obj.rows}
