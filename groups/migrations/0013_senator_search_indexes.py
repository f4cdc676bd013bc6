import django.contrib.postgres.indexes
from django.db import migrations

import groups.models

# groups.models.SearchKey: the text a name search compares, lower case, without accents,
# hyphens or apostrophes, its parts joined by spaces. unaccent() is only STABLE (its
# dictionary could change), so an index cannot hold it: this wrapper names the dictionary
# and is declared IMMUTABLE. The unaccent and pg_trgm extensions come from 0002.
SEARCH_KEY_SQL = """
CREATE FUNCTION groups_search_key(VARIADIC parts text[]) RETURNS text AS $$
    SELECT lower(public.unaccent('public.unaccent'::regdictionary,
                                 translate(array_to_string(parts, ' '), '-''’‘', '')))
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT;
"""
DROP_SEARCH_KEY_SQL = "DROP FUNCTION IF EXISTS groups_search_key(VARIADIC text[]);"


class Migration(migrations.Migration):
    dependencies = [("groups", "0012_merge_country_article_and_dissolved_on")]

    operations = [
        migrations.RunSQL(SEARCH_KEY_SQL, DROP_SEARCH_KEY_SQL),
        migrations.AddIndex(
            model_name="senator",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    groups.models.SearchKey(
                        "first_name", "last_name", "constituency_fr", "constituency_en"
                    ),
                    name="gin_trgm_ops",
                ),
                name="senator_search_trgm",
            ),
        ),
    ]
