"""make backup / make restore: a dump restores into a new database, row for row."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.factories import make_colloquium
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_report

ROOT = Path(__file__).resolve().parent.parent


def _url(name):
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{name}"


def table_fingerprints(url):
    """{table: (row count, md5 of every row in a fixed order)} plus sequence positions."""
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        result = {}
        for table in tables:
            ident = psycopg.sql.Identifier(table)
            query = psycopg.sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
                " FROM {} AS t"
            ).format(ident)
            result[table] = conn.execute(query).fetchone()
        for name, value in conn.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        ):
            result[f"sequence {name}"] = value
        return result


def _run(args, **env):
    return subprocess.run(
        args, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def restored_db_name():
    """A database name of our own, dropped afterwards whatever happens."""
    name = f"{connection.settings_dict['NAME']}_restored"
    admin_url = _url("postgres")

    def drop():
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(
                psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    psycopg.sql.Identifier(name)
                )
            )

    drop()
    yield name
    drop()


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_new_database_row_for_row(tmp_path, restored_db_name):
    # Data in most tables, accents and HTML included, committed so pg_dump sees it.
    make_membership()
    make_mission(title_fr="Mission au Pérou", title_en="Mission to Peru")
    make_colloquium()
    make_report(title_fr="Rapport « Égypte »")
    make_news()
    source_url = _url(connection.settings_dict["NAME"])
    connection.close()  # pg_dump needs no lock from us

    backup = _run(["scripts/backup.sh"], DATABASE_URL=source_url, BACKUP_DIR=str(tmp_path))
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.strip().splitlines()[-1])
    assert dump.parent == tmp_path
    assert dump.name.startswith(connection.settings_dict["NAME"] + "-")
    assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's compressed custom format

    restore = _run(["scripts/restore.sh", str(dump), restored_db_name], DATABASE_URL=source_url)
    assert restore.returncode == 0, restore.stderr
    restored_url = restore.stdout.strip().splitlines()[-1]
    assert restored_url == _url(restored_db_name)

    original = table_fingerprints(source_url)
    copy = table_fingerprints(restored_url)
    assert copy == original
    assert original["groups_friendshipgroup"][0] >= 1
    assert original["missions_mission"][0] >= 1

    migrate = _run(
        [sys.executable, "manage.py", "migrate", "--check"],
        DATABASE_URL=restored_url,
        DATABASE_TEST_NAME="",
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr


@pytest.mark.django_db(transaction=True)
def test_restore_never_overwrites_an_existing_database(tmp_path):
    source_url = _url(connection.settings_dict["NAME"])
    dump = tmp_path / "any.dump"
    dump.write_bytes(b"not used")
    result = _run(
        ["scripts/restore.sh", str(dump), connection.settings_dict["NAME"]],
        DATABASE_URL=source_url,
    )
    assert result.returncode != 0
    assert "already exists" in result.stderr


@pytest.mark.parametrize(
    "db",
    [
        "; echo INJECTED; touch {marker}",
        "$$(touch {marker})",
        "`touch {marker}`",
        "$(shell touch {marker})",
        "x' && touch {marker} && echo 'INJECTED",
    ],
)
def test_make_restore_passes_the_names_to_the_script_as_data(tmp_path, db):
    marker = tmp_path / "injected"
    dump = tmp_path / "my dump; echo INJECTED $(id).dump"
    dump.write_bytes(b"not a dump")
    result = _run(
        [
            "make",
            "--no-print-directory",
            "restore",
            f"FILE={dump}",
            "DB=" + db.format(marker=marker),
        ]
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Database names here are lower-case letters" in output  # the script saw the name
    assert "INJECTED" not in output.splitlines()  # no injected echo ran
    assert "uid=" not in output  # nor the $(id) in the file name
    assert not marker.exists()
