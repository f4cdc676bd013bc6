"""The layering of the apps (STYLE.md §1), read from the code itself.

Each app may import, reverse the URL names of, and load the static files of only the
apps below it; ``core`` imports no app; the wiring (``senat_groups``) names apps only
in its settings and root URLconf. Imports inside functions count: a hidden import is
still a dependency.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# Lowest first. Apps of the same rank may not import each other.
RANKS = {
    "core": 0,
    "outbox": 0.5,
    "groups": 1,
    "missions": 2,
    "reports": 3,
    "filestore": 4,
    "legal": 5,
    "cooperation": 6,
    "sens": 7,
    "alerts": 7,
    "portal": 8,
    "api": 8,
    "backoffice": 9,
    "senat_groups": 10,
}
# URL namespaces and the app that defines them.
NAMESPACES = {
    "groups": "groups",
    "missions": "missions",
    "reports": "reports",
    "cooperation": "cooperation",
    "legal": "legal",
    "alerts": "alerts",
    "portal": "portal",
    "dossier": "portal",
    "api": "api",
    "admin": "backoffice",
}
URL_NAME = re.compile(r"^([a-z_]+):[a-z0-9_-]+$")
STATIC_FILE = re.compile(r"^([a-z_]+)/[\w./-]+\.(?:js|css)$")
WIRING_ALLOWED = {"senat_groups/settings.py", "senat_groups/urls.py"}


def python_files(app):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def imported_apps(path):
    """The first-party apps ``path`` imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update(name.split(".")[0] for name in names if name.split(".")[0] in RANKS)
    return found


def string_literals(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def upward(app, other):
    return other != app and RANKS[other] >= RANKS[app]


@pytest.mark.parametrize("app", [a for a in RANKS if a != "senat_groups"])
def test_an_app_imports_only_the_apps_below_it(app):
    wrong = {
        f"{path.relative_to(ROOT)} imports {other}"
        for path in python_files(app)
        for other in imported_apps(path)
        if upward(app, other)
    }
    assert not wrong, sorted(wrong)


def test_the_wiring_names_apps_only_in_settings_and_the_root_urlconf():
    wrong = {
        f"{path.relative_to(ROOT)} imports {other}"
        for path in python_files("senat_groups")
        if str(path.relative_to(ROOT)) not in WIRING_ALLOWED
        for other in imported_apps(path)
        if other != "senat_groups"
    }
    assert not wrong, sorted(wrong)


def upward_literals(app, pattern, owners):
    """The app's string literals that ``pattern`` matches and whose first group names,
    through ``owners``, an app above it."""
    wrong = set()
    for path in python_files(app):
        for text in string_literals(path):
            match = pattern.match(text)
            owner = match and owners.get(match.group(1))
            if owner and upward(app, owner):
                wrong.add(f"{path.relative_to(ROOT)}: {text}")
    return wrong


@pytest.mark.parametrize("app", [a for a in RANKS if a != "senat_groups"])
def test_an_app_reverses_only_its_own_url_names_or_those_below(app):
    wrong = upward_literals(app, URL_NAME, NAMESPACES)
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize("app", [a for a in RANKS if a != "senat_groups"])
def test_an_app_loads_only_static_files_of_its_own_or_below(app):
    wrong = upward_literals(app, STATIC_FILE, {name: name for name in RANKS})
    assert not wrong, sorted(wrong)


def test_core_defines_no_table():
    from django.apps import apps

    assert list(apps.get_app_config("core").get_models()) == []


def test_no_import_circle_between_modules():
    """No two first-party modules import each other (directly or through others)."""
    modules = {}
    for app in RANKS:
        for path in python_files(app):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules[name.removesuffix(".__init__")] = path
    graph = {}
    for name, path in modules.items():
        deps = set()
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            deps.update(t for t in targets if t in modules and t != name)
        graph[name] = deps

    cycles = set()

    def visit(node, stack, seen):
        for dep in graph[node]:
            if dep in stack:
                cycles.add(" -> ".join([*stack[stack.index(dep) :], dep]))
            elif dep not in seen:
                seen.add(dep)
                visit(dep, [*stack, dep], seen)

    seen = set()
    for start in graph:
        if start not in seen:
            seen.add(start)
            visit(start, [start], seen)
    assert not cycles, sorted(cycles)
