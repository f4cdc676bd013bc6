"""core_text_vector(): a text's vector read with two configurations, one vector holding
both (core.search.TextVector), at the cost PostgreSQL should weigh it.

COST: to_tsvector()'s is a hundred operators; computing a vector of a few hundred words
costs about fifty times that against reading an index. The SET clause keeps the planner
from inlining the function into bare to_tsvector() calls with their own cost. The text
search indexes and the searches both call it, so the indexes serve the searches."""

from django.db import migrations

CREATE_SQL = """
CREATE FUNCTION core_text_vector(config_1 regconfig, config_2 regconfig, document text)
    RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 5000
    SET search_path = pg_catalog
    AS 'SELECT to_tsvector(config_1, document) || to_tsvector(config_2, document)';
"""
DROP_SQL = "DROP FUNCTION IF EXISTS core_text_vector(regconfig, regconfig, text);"


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunSQL(CREATE_SQL, DROP_SQL)]
