"""Transactional tests end with Django's flush; here it empties the tables with DELETE.

After each transactional test (``transactional_db``, ``live_server``: the browser tests),
Django empties every table with one TRUNCATE. On PostgreSQL a TRUNCATE gives each table
and each of its indexes new files: 1.8–2.7 s for this project's tables on the 2-core
machine under load, against 0.03–0.07 s for DELETE of the same tables, which a test
leaves with a few rows (measured 2026-12-07, /tmp scripts, load average 7–9). Django's
foreign keys are DEFERRABLE INITIALLY DEFERRED and so is the délégué constraint trigger,
so the order of the DELETEs does not matter inside flush's transaction; no trigger of the
schema writes on DELETE. Only TRUNCATE resets sequences: a test that asks for
``reset_sequences`` keeps Django's statement. Installed for the test run only
(a session fixture of tests/conftest.py): ``manage.py flush`` on a real database is untouched.
"""

_django_sql_flush = None


def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    if reset_sequences or not tables:
        return _django_sql_flush(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    return ["SET CONSTRAINTS ALL DEFERRED"] + [
        f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
        for table in tables
    ]


def install():
    """Called by a session fixture, once Django is set up."""
    global _django_sql_flush
    from django.db.backends.postgresql.operations import DatabaseOperations

    if _django_sql_flush is None:
        _django_sql_flush = DatabaseOperations.sql_flush
        DatabaseOperations.sql_flush = sql_flush
