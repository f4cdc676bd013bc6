"""Small hand-built `sens` exports (fictional senators), written in both input forms."""

import copy
import csv
import zipfile

from sens.check import WANTED
from tests.helpers.tables import records

OPEN = "9999-12-31 00:00:00"
SINCE_EVER = "1899-12-31 00:50:39"


def ts(day):
    return f"{day} 00:00:00"


def base_tables():
    """{table: [row]} with every column the importer reads (missing ones are NULL)."""
    t = {
        "grpsenami": records(
            ("orgcod", "typgrpsencod", "orgdatcre", "orgdatfin", "evelic", "evelib", "orgurlcmp"),
            # A single-country group with two dated names.
            ("GA01", "AMITIE", ts("2001-01-15"), None, "France-Japon",
             "Groupe interparlementaire d'amitié France-Japon",
             "https://www.senat.fr/groupe-interparlementaire-amitie/ga01.html"),
            # A regional group (three countries) with présidents délégués.
            ("GA02", "AMITIE", ts("2005-03-01"), None, None, "France-Afrique centrale", None),
            # Dissolved in 2015; its membership is still open in the export.
            ("GA03", "AMITIE", ts("2002-01-01"), ts("2015-06-30"), None, "France-Atlantide", None),
            # No dated name: the name comes from grpsenami (its evelib is blank).
            ("GA04", "AMITIE", SINCE_EVER, None, "  France-Gabon  ", "    ", None),
            # An international information group.
            ("GI01", "INFO", ts("2010-01-01"), None, None,
             "Groupe d'information internationale Kosovo", None),
            # A study group: skipped with its membership.
            ("GE01", "ETUDES", ts("2010-01-01"), None, None, "Groupe d'études de la vigne", None),
        ),
        "libgrpsen": records(
            ("libgrpsenid", "orgcod", "libgrpsendatautbur", "libgrpsendatfin", "libgrpsenlic",
             "libgrpsenlib"),
            ("1", "GA01", ts("2001-01-15"), ts("2010-06-30"), "Japon", "Groupe France-Japon"),
            ("2", "GA01", ts("2010-07-01"), None, "France-Japon ",
             "Groupe interparlementaire d'amitié France-Japon"),
            ("3", "GA02", ts("2005-03-01"), None, "France-Afrique centrale",
             "Groupe interparlementaire d'amitié France-Afrique centrale"),
            ("4", "GA03", ts("2002-01-01"), None, "France-Atlantide",
             "Groupe interparlementaire d'amitié France-Atlantide"),
            ("5", "GI01", ts("2010-01-01"), None, "Kosovo",
             "Groupe d'information internationale Kosovo"),
            ("6", "GE01", ts("2010-01-01"), None, "Vigne", "Groupe d'études de la vigne"),
        ),
        "nationgrpsen": records(
            ("nationgrpsenid", "orgcod", "nationcod", "nationgpsendatdeb", "nationgrpsendatfin"),
            ("1", "GA01", "99217", None, None),
            ("2", "GA02", "99328", None, None),
            ("3", "GA02", "99312", ts("2005-03-01"), None),
            ("4", "GA02", "99323", SINCE_EVER, OPEN),
            # Kosovo: a COG code with no ISO 3166 country -> rejected.
            ("5", "GI01", "99157", None, None),
            # A code missing from the nation table -> rejected.
            ("6", "GA04", "99999", None, None),
            ("7", "GA04", "99328", None, ts("2012-12-31")),
        ),
        "nation": records(
            ("nationcod", "nationlibcog", "zongeocod", "nationlic"),
            ("99217", "Japon", "ASIE", None),
            ("99328", "Gabon", "AFR", None),
            ("99312", "République démocratique du Congo", "AFR", "RDC"),
            ("99323", "Centrafrique", "AFR", None),
            ("99157", "Kosovo", "EUR", None),
        ),
        "sen": records(
            ("senmat", "quacod", "sennomuse", "senprenomuse", "etasencod", "sencircou"),
            ("90001A", "MME", "de La Valmorel", "Hélène", "ACTIF", "Ain"),
            ("90002B", "M.", "Durandal", "Jean-Marc", "ACTIF", "Jura"),
            ("90003C", "M.", "Quillon", "Paul", "ACTIF", None),
            ("90004D", "MME", "Estoc", "Louise", "ACTIF", "Gers"),
            ("90005E", "M.", "Ancien", "Marc", "ANCIEN", "Cher"),
            # A civility missing from qua -> rejected.
            ("90006F", "DR", "Inconnu", "Sans", "ACTIF", None),
        ),
        "qua": records(
            ("quacod", "quacodsex", "qualic"),
            ("MME", "F", "Mme"),
            ("M.", "H", "M."),
        ),
        "memgrpsen": records(
            ("memgrpsenid", "orgcod", "senmat", "memgrpsendatent", "memgrpsendatsor"),
            # 1: président of GA01 since 2020, membership open (sentinel exit).
            ("1", "GA01", "90001A", ts("2020-10-01"), OPEN),
            # 2: vice-président (rank 2) of GA01 2020-2023, then plain member.
            ("2", "GA01", "90002B", ts("2017-10-01"), OPEN),
            # 3: former président of GA01 2014-2020 (past bureau).
            ("3", "GA01", "90005E", ts("2014-10-01"), ts("2020-09-30")),
            # 4: présidente déléguée of GA02 for the Gabon (said in the function's text).
            ("4", "GA02", "90001A", SINCE_EVER, OPEN),
            # 5: présidente déléguée of GA02, no country in the text -> reported.
            ("5", "GA02", "90004D", ts("2020-10-01"), OPEN),
            # 6: membership of the dissolved GA03, still open -> ends with the group.
            ("6", "GA03", "90003C", ts("2011-10-01"), OPEN),
            # 7: unknown senator -> rejected.
            ("7", "GA01", "99999Z", ts("2020-10-01"), OPEN),
            # 8: study group -> skipped.
            ("8", "GE01", "90002B", ts("2020-10-01"), OPEN),
            # 9: NULL in a NOT NULL column -> rejected.
            ("9", "GA01", "90003C", None, OPEN),
            # 10: plain member of GA04.
            ("10", "GA04", "90003C", ts("2023-10-02"), OPEN),
        ),
        "fonmemgrpsen": records(
            ("fonmemgrpsenid", "memgrpsenid", "fongrpsencod", "fonmemgrpsendatdeb",
             "fonmemgrpsendatfin", "fonmemgrpsenrngele", "evelib"),
            ("1", "1", "PRE", ts("2020-10-01"), None, None, None),
            ("2", "2", "VPR", ts("2020-10-05"), ts("2023-09-30"), "2", None),
            ("3", "3", "PRE", ts("2014-10-01"), None, None, None),
            ("4", "4", "PRD", ts("2020-10-01"), None, None, "Présidente déléguée pour le Gabon"),
            ("5", "5", "PRD", ts("2020-10-01"), None, None, "   "),
            ("6", "6", "SEC", ts("2011-10-01"), None, None, None),
            # Function of an unknown membership -> rejected.
            ("7", "777", "SEC", ts("2011-10-01"), None, None, None),
            # Function of a rejected membership -> rejected with it; of a skipped one -> skipped.
            ("9", "9", "SEC", ts("2021-10-01"), None, None, None),
            ("10", "8", "SEC", ts("2021-10-01"), None, None, None),
            # NULL function code -> rejected.
            ("8", "2", None, ts("2011-10-01"), None, None, None),
        ),
        "fongrpsen": records(
            ("fongrpsencod", "fongrpsenlib", "fongrpsenlic", "fongrpsenlibfem"),
            ("PRE", "Président", "Pdt", "Présidente"),
            ("PRD", "Président délégué", "PD", "Présidente déléguée"),
            ("VPR", "Vice-président", "VP", "Vice-présidente"),
            ("SEC", "   ", "Secrétaire", "Secrétaire"),
        ),
        "grppol": records(
            ("grppolcod", "grppollibcou", "grppolliccou", "typorgcod"),
            ("GHD", "Groupe Horizon démocrate (fictif)", "GHD", "GP"),
            ("GVA", "Groupe Vallées et Avenir (fictif)", "GVA", "GP"),
        ),
        "memgrppol": records(
            ("memgrppolid", "grppolcod", "typapppolcod", "senmat", "memgrppoldatdeb",
             "memgrppoldatfin"),
            ("1", "GVA", "M", "90001A", ts("2011-10-01"), ts("2017-09-30")),
            ("2", "GHD", "M", "90001A", ts("2017-10-01"), None),
            ("3", "GVA", "A", "90002B", None, None),
            # Unknown political group -> rejected.
            ("4", "INCONNU", "M", "90003C", ts("2020-10-01"), None),
        ),
        "typapppol": records(
            ("typapppolcod", "typapppollib", "typapppollibfem"),
            ("M", "Membre", "Membre"),
            ("A", "Apparenté", "Apparentée"),
            ("R", "Rattaché", "Rattachée"),
        ),
        "activite": records(
            ("actid", "typactcod", "catactcod", "giacod", "comcod", "datdeb", "datfin",
             "nb_participants", "nb_delegations", "actlib", "actlic"),
            ("1", "DEPLACEMENT", "GIA", "GA01", None, ts("2024-04-10"), ts("2024-04-15"), "3", "0",
             "Mission au Japon", None),
            ("2", "RECEPTION", "GIA", "GA01", None, ts("2025-02-03"), ts("2025-02-03"), "0", "0",
             "Réception d'une délégation de la Diète", None),
            # A regional group's reception: which country is not said -> rejected.
            ("3", "RECEPTION", "GIA", "GA02", None, ts("2025-03-03"), ts("2025-03-03"), "0", "0",
             "Délégation reçue", None),
            ("4", "DEPLACEMENT", "GIA", "GA02", None, ts("2025-05-01"), ts("2025-05-06"), "0", "0",
             "   ", "Mission en Afrique centrale"),
            # A type the mapping does not know -> skipped.
            ("5", "REUNION", "GIA", "GA01", None, ts("2023-11-01"), ts("2023-11-01"), "0", "0",
             "Réunion constitutive", None),
            # A commission's activity (no giacod) and a study group's -> skipped.
            ("6", "DEPLACEMENT", "COM", None, "CULT", ts("2024-01-10"), ts("2024-01-11"), "0", "0",
             "Déplacement de commission", None),
            ("7", "DEPLACEMENT", "GE", "GE01", None, ts("2024-06-10"), ts("2024-06-11"), "0", "0",
             "Visite de vignobles", None),
        ),
        "activite_participant": records(
            ("actparid", "actid", "senmat", "fapcod", "fapidx", "typactparcod"),
            ("1", "1", "90001A", "CHEF", "1", "PRESENT"),
            ("2", "1", "90002B", "MEMB", None, "PRESENT"),
            ("3", "1", "99999Z", "MEMB", None, "PRESENT"),
            ("4", "6", "90002B", "MEMB", None, "PRESENT"),
            # Excused: not in the delegation.
            ("7", "1", "90004D", "MEMB", None, "EXCUSE"),
            ("6", "3", "90002B", "MEMB", None, "PRESENT"),
            ("5", "999", "90002B", "MEMB", None, "PRESENT"),
        ),
        "type_activite_participant": records(
            ("typactparcod", "typactparlib", "typactparlibfem"),
            ("PRESENT", "Présent", "Présente"),
            ("EXCUSE", "Excusé", "Excusée"),
        ),
        "fonact_participant": records(
            ("fapcod", "faplib", "faplibfem"),
            ("CHEF", "Chef de délégation", "Cheffe de délégation"),
            ("MEMB", "Membre de la délégation", "Membre de la délégation"),
        ),
    }  # fmt: skip
    return copy.deepcopy(t)


def columns(table, rows):
    """The importer's columns, then any extra column the rows carry (kept in the export)."""
    extra = sorted({c for row in rows for c in row} - set(WANTED.get(table, ())))
    return [*WANTED.get(table, ()), *extra, "syscredat"]


def write_csv_folder(tables, folder):
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in tables.items():
        cols = columns(table, rows)
        with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(cols)
            for row in rows:
                writer.writerow(["" if row.get(c) is None else row.get(c) for c in cols])
    return folder


def copy_escape(value):
    if value is None:
        return "\\N"
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def dump_text(tables, complete=True):
    parts = [
        "--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\n",
        # A table the importer does not read: skipped line by line.
        "COPY public.activite_delegation (delegactid, actid, senmat, senmat_delegue, "
        "delegidx) FROM stdin;\n1\t2\t90001A\t\\N\t1\n\\.\n\n",
    ]
    for table in sorted(tables):
        rows = tables[table]
        cols = columns(table, rows)
        parts.append(f"COPY public.{table} ({', '.join(cols)}) FROM stdin;\n")
        for row in rows:
            parts.append("\t".join(copy_escape(row.get(c)) for c in cols) + "\n")
        parts.append("\\.\n\n")
    if complete:
        parts.append("--\n-- PostgreSQL database dump complete\n--\n")
    return "".join(parts)


def write_dump(tables, path, complete=True):
    path.write_text(dump_text(tables, complete), encoding="utf-8")
    return path


def write_zip(tables, path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export_sens.sql", dump_text(tables))
    return path


def write_export(tables, form, folder):
    """``tables`` in one of the forms the Senate serves: "csv" (a folder of CSV files),
    "dump" (pg_dump's text) or "zip" (that text zipped), written under ``folder``."""
    if form == "csv":
        return write_csv_folder(tables, folder / "csv")
    if form == "dump":
        return write_dump(tables, folder / "export_sens.sql")
    return write_zip(tables, folder / "export_sens.zip")
