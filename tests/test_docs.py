"""The README and docs/ say what the code does: links resolve, the commands they give exist
(and `make import-sens` runs on a development machine), the configuration table names every
variable the settings read, and ruff knows every package of the repository."""

import os
import re
import subprocess
import sys
import tomllib
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands
from django.db import connection

from groups.models import FriendshipGroup
from tests import sens_export
from tests.servers import database_url
from tests.servers import free_port
from tests.servers import running

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted([README, *(ROOT / "docs").rglob("*.md")])


def text(path):
    return path.read_text(encoding="utf-8")


def prose(path):
    """The text outside fenced code blocks (where a `# comment` is no heading)."""
    return re.sub(r"^```.*?^```", "", text(path), flags=re.MULTILINE | re.DOTALL)


def anchor(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    heading = heading.strip().lower()
    kept = "".join(
        c for c in heading if c in " -_" or unicodedata.category(c)[0] in "LN"
    )  # fmt: skip
    return kept.replace(" ", "-")


def anchors(path):
    return {anchor(m) for m in re.findall(r"^#+ (.+)$", prose(path), flags=re.MULTILINE)}


def test_readme_is_at_most_300_lines():
    assert len(text(README).splitlines()) <= 300


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_and_anchor_resolves(doc):
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text(doc)):
        if re.match(r"[a-z]+:", target):
            continue  # http(s), mailto
        path, _, fragment = target.partition("#")
        resolved = (doc.parent / path).resolve() if path else doc
        if not resolved.exists() or ROOT not in (resolved, *resolved.parents):
            broken.append(target)
        elif fragment and resolved.suffix == ".md" and fragment not in anchors(resolved):
            broken.append(target)
    assert broken == []


def makefile_targets():
    rule = r"^([a-z][\w./-]*(?: [a-z][\w./-]*)*)\s*:(?!=)"
    rules = re.findall(rule, text(ROOT / "Makefile"), flags=re.MULTILINE)
    return {name for rule in rules for name in rule.split()}


def test_every_make_target_the_docs_name_exists():
    targets = makefile_targets()
    named = set()
    for doc in DOCS:
        named |= set(re.findall(r"(?:`|^)make ([a-z][\w-]*)", text(doc), flags=re.MULTILINE))
    assert named, "no make target found in the docs"
    assert named - targets == set()


def test_every_manage_py_command_the_docs_name_exists():
    commands = set(get_commands()) | {
        p.stem for p in ROOT.glob("*/management/commands/*.py") if p.stem != "__init__"
    }
    named = set()
    for doc in DOCS:
        named |= set(re.findall(r"manage\.py ([a-z_]+)", text(doc)))
    assert named, "no manage.py command found in the docs"
    assert named - commands == set()


def settings_variables():
    source = text(ROOT / "senat_groups" / "settings.py")
    reader = r"(?:environ\.get\(|environ\[|envbool\(|envlist\(|envsecret\()"
    names = set(re.findall(reader + r"""\s*["']([A-Z_]+)["']""", source))
    for name in re.findall(r"""envsecret\(\s*["']([A-Z_]+)["']""", source):
        names.add(f"{name}_FILE")
    return names


def test_the_configuration_table_names_every_variable_the_settings_read():
    section = text(README).split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", section))
    assert len(settings_variables()) > 30
    assert settings_variables() - documented == set()


def test_the_readme_gives_page_cache_apps_as_the_settings_do():
    listed = re.search(r"`PAGE_CACHE_APPS` \(`\[([^\]]*)\]`", text(README).replace("\n", " "))
    assert listed, "the README no longer gives PAGE_CACHE_APPS"
    assert re.findall(r'"(\w+)"', listed.group(1)) == settings.PAGE_CACHE_APPS


def test_ruff_knows_every_package_of_the_repository():
    config = tomllib.loads(text(ROOT / "pyproject.toml"))
    first_party = config["tool"]["ruff"]["lint"]["isort"]["known-first-party"]
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    assert packages - set(first_party) == set()


def make_import_sens(*args):
    """`make import-sens` as a developer types it: no SECRET_KEY, no DJANGO_DEBUG set."""
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_DEBUG")}
    env["DATABASE_URL"] = database_url(connection)
    return subprocess.run(
        ["make", "--no-print-directory", "import-sens", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.django_db(transaction=True)
def test_make_import_sens_imports_a_file_on_a_development_machine(tmp_path):
    # A name the shell would act on if it were spliced into the command line.
    export = tmp_path / "export sens; touch INJECTED $(id).zip"
    sens_export.write_zip(sens_export.base_tables(), export)
    result = make_import_sens(f"SOURCE={export}", "ARGS=--export-date 2026-11-30 --no-progress")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Imported: export of 2026-11-30" in result.stdout
    assert FriendshipGroup.objects.filter(senate_code="GA01").exists()
    assert not (ROOT / "INJECTED").exists()


@pytest.mark.django_db(transaction=True)
def test_make_import_sens_downloads_a_url(tmp_path):
    sens_export.write_zip(sens_export.base_tables(), tmp_path / "export_sens.zip")
    port = free_port()
    server = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    with running([*server, "--directory", str(tmp_path)], port):
        result = make_import_sens(
            f"URL=http://127.0.0.1:{port}/export_sens.zip",
            "ARGS=--export-date 2026-11-30 --no-progress --dry-run",
        )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Dry run, nothing saved" in result.stdout
    assert not FriendshipGroup.objects.exists()


@pytest.mark.django_db
def test_make_import_sens_without_a_source_says_how_to_call_it():
    result = make_import_sens()
    assert result.returncode != 0
    assert "usage: make import-sens SOURCE=" in result.stderr
