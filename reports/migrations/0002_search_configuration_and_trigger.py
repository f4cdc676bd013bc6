import reports.models
from django.db import migrations, models

# Two text search configurations that drop accents before stemming, so that
# « cooperation » finds « coopération » and « Egypte » finds « Égypte ». Only the
# token types that can carry accents need the unaccent filter: the ascii ones
# keep the stock mapping.
CONFIGURATIONS_SQL = """
CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION fr_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION en_unaccent (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION en_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""

DROP_CONFIGURATIONS_SQL = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS en_unaccent;
DROP TEXT SEARCH CONFIGURATION IF EXISTS fr_unaccent;
"""

# The vectors are computed by the database, not by Django: a trigger also covers
# bulk_create(), QuerySet.update() and raw SQL imports. Weights: A number and
# title, B summary, C body and the text extracted from the PDF. The English
# vector falls back to the French text where there is no English text yet, so an
# English search finds reports that exist only in French. HTML tags in the body
# are "tag" tokens, which neither configuration indexes. The body and extracted
# text are capped so that a huge PDF never exceeds the 1 MB tsvector limit
# (positions stop at 16,383 anyway).
TRIGGER_SQL = """
CREATE FUNCTION reports_report_search_update() RETURNS trigger AS $$
BEGIN
    NEW.search_fr :=
        setweight(to_tsvector('fr_unaccent',
            coalesce(NEW.number, '') || ' ' || coalesce(NEW.title_fr, '')), 'A')
        || setweight(to_tsvector('fr_unaccent', coalesce(NEW.summary_fr, '')), 'B')
        || setweight(to_tsvector('fr_unaccent', left(
            coalesce(NEW.body_fr, '') || ' ' || coalesce(NEW.extracted_text, ''), 300000)), 'C');
    NEW.search_en :=
        setweight(to_tsvector('en_unaccent',
            coalesce(NEW.number, '') || ' '
            || coalesce(nullif(NEW.title_en, ''), NEW.title_fr, '')), 'A')
        || setweight(to_tsvector('en_unaccent',
            coalesce(nullif(NEW.summary_en, ''), NEW.summary_fr, '')), 'B')
        || setweight(to_tsvector('en_unaccent', left(
            coalesce(nullif(NEW.body_en, ''), NEW.body_fr, '') || ' '
            || coalesce(NEW.extracted_text, ''), 300000)), 'C');
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER report_search_vectors
    BEFORE INSERT OR UPDATE OF number, title_fr, title_en, summary_fr, summary_en,
        body_fr, body_en, extracted_text, search_fr, search_en
    ON reports_report
    FOR EACH ROW EXECUTE FUNCTION reports_report_search_update();

UPDATE reports_report SET search_fr = NULL;
"""

DROP_TRIGGER_SQL = """
DROP TRIGGER IF EXISTS report_search_vectors ON reports_report;
DROP FUNCTION IF EXISTS reports_report_search_update();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("groups", "0002_extensions_and_triggers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="report",
            name="pdf",
            field=models.FileField(
                blank=True, upload_to=reports.models.report_pdf_path, verbose_name="PDF file"
            ),
        ),
        migrations.RunSQL(CONFIGURATIONS_SQL, DROP_CONFIGURATIONS_SQL),
        migrations.RunSQL(TRIGGER_SQL, DROP_TRIGGER_SQL),
    ]
