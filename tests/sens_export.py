"""Small hand-built `sens` exports (fictional senators), written in both input forms."""

import copy
import csv
import zipfile

from sens.check import WANTED

OPEN = "9999-12-31 00:00:00"
SINCE_EVER = "1899-12-31 00:50:39"


def ts(day):
    return f"{day} 00:00:00"


def base_tables():
    """{table: [row]} with every column the importer reads (missing ones are NULL)."""
    t = {
        "grpsenami": [
            # A single-country group with two dated names.
            {"orgcod": "GA01", "typgrpsencod": "AMITIE", "orgdatcre": ts("2001-01-15"),
             "evelib": "Groupe interparlementaire d'amitié France-Japon", "evelic": "France-Japon",
             "orgurlcmp": "https://www.senat.fr/groupe-interparlementaire-amitie/ga01.html"},
            # A regional group (three countries) with présidents délégués.
            {"orgcod": "GA02", "typgrpsencod": "AMITIE", "orgdatcre": ts("2005-03-01"),
             "evelib": "France-Afrique centrale"},
            # Dissolved in 2015; its membership is still open in the export.
            {"orgcod": "GA03", "typgrpsencod": "AMITIE", "orgdatcre": ts("2002-01-01"),
             "orgdatfin": ts("2015-06-30"), "evelib": "France-Atlantide"},
            # No dated name: the name comes from grpsenami (its evelib is blank).
            {"orgcod": "GA04", "typgrpsencod": "AMITIE", "orgdatcre": SINCE_EVER,
             "evelib": "    ", "evelic": "  France-Gabon  "},
            # An international information group.
            {"orgcod": "GI01", "typgrpsencod": "INFO", "orgdatcre": ts("2010-01-01"),
             "evelib": "Groupe d'information internationale Kosovo"},
            # A study group: skipped with its membership.
            {"orgcod": "GE01", "typgrpsencod": "ETUDES", "orgdatcre": ts("2010-01-01"),
             "evelib": "Groupe d'études de la vigne"},
        ],
        "libgrpsen": [
            {"libgrpsenid": "1", "orgcod": "GA01", "libgrpsendatautbur": ts("2001-01-15"),
             "libgrpsendatfin": ts("2010-06-30"), "libgrpsenlib": "Groupe France-Japon",
             "libgrpsenlic": "Japon"},
            {"libgrpsenid": "2", "orgcod": "GA01", "libgrpsendatautbur": ts("2010-07-01"),
             "libgrpsenlib": "Groupe interparlementaire d'amitié France-Japon",
             "libgrpsenlic": "France-Japon "},
            {"libgrpsenid": "3", "orgcod": "GA02", "libgrpsendatautbur": ts("2005-03-01"),
             "libgrpsenlib": "Groupe interparlementaire d'amitié France-Afrique centrale",
             "libgrpsenlic": "France-Afrique centrale"},
            {"libgrpsenid": "4", "orgcod": "GA03", "libgrpsendatautbur": ts("2002-01-01"),
             "libgrpsenlib": "Groupe interparlementaire d'amitié France-Atlantide",
             "libgrpsenlic": "France-Atlantide"},
            {"libgrpsenid": "5", "orgcod": "GI01", "libgrpsendatautbur": ts("2010-01-01"),
             "libgrpsenlib": "Groupe d'information internationale Kosovo",
             "libgrpsenlic": "Kosovo"},
            {"libgrpsenid": "6", "orgcod": "GE01", "libgrpsendatautbur": ts("2010-01-01"),
             "libgrpsenlib": "Groupe d'études de la vigne", "libgrpsenlic": "Vigne"},
        ],
        "nationgrpsen": [
            {"nationgrpsenid": "1", "orgcod": "GA01", "nationcod": "99217"},
            {"nationgrpsenid": "2", "orgcod": "GA02", "nationcod": "99328"},
            {"nationgrpsenid": "3", "orgcod": "GA02", "nationcod": "99312",
             "nationgpsendatdeb": ts("2005-03-01")},
            {"nationgrpsenid": "4", "orgcod": "GA02", "nationcod": "99323",
             "nationgpsendatdeb": SINCE_EVER, "nationgrpsendatfin": OPEN},
            # Kosovo: a COG code with no ISO 3166 country -> rejected.
            {"nationgrpsenid": "5", "orgcod": "GI01", "nationcod": "99157"},
            # A code missing from the nation table -> rejected.
            {"nationgrpsenid": "6", "orgcod": "GA04", "nationcod": "99999"},
            {"nationgrpsenid": "7", "orgcod": "GA04", "nationcod": "99328",
             "nationgrpsendatfin": ts("2012-12-31")},
        ],
        "nation": [
            {"nationcod": "99217", "nationlibcog": "Japon", "zongeocod": "ASIE"},
            {"nationcod": "99328", "nationlibcog": "Gabon", "zongeocod": "AFR"},
            {"nationcod": "99312", "nationlibcog": "République démocratique du Congo",
             "nationlic": "RDC", "zongeocod": "AFR"},
            {"nationcod": "99323", "nationlibcog": "Centrafrique", "zongeocod": "AFR"},
            {"nationcod": "99157", "nationlibcog": "Kosovo", "zongeocod": "EUR"},
        ],
        "sen": [
            {"senmat": "90001A", "quacod": "MME", "sennomuse": "de La Valmorel",
             "senprenomuse": "Hélène", "etasencod": "ACTIF", "sencircou": "Ain"},
            {"senmat": "90002B", "quacod": "M.", "sennomuse": "Durandal",
             "senprenomuse": "Jean-Marc", "etasencod": "ACTIF", "sencircou": "Jura"},
            {"senmat": "90003C", "quacod": "M.", "sennomuse": "Quillon",
             "senprenomuse": "Paul", "etasencod": "ACTIF", "sencircou": None},
            {"senmat": "90004D", "quacod": "MME", "sennomuse": "Estoc",
             "senprenomuse": "Louise", "etasencod": "ACTIF", "sencircou": "Gers"},
            {"senmat": "90005E", "quacod": "M.", "sennomuse": "Ancien",
             "senprenomuse": "Marc", "etasencod": "ANCIEN", "sencircou": "Cher"},
            # A civility missing from qua -> rejected.
            {"senmat": "90006F", "quacod": "DR", "sennomuse": "Inconnu",
             "senprenomuse": "Sans", "etasencod": "ACTIF"},
        ],
        "qua": [
            {"quacod": "MME", "quacodsex": "F", "qualic": "Mme"},
            {"quacod": "M.", "quacodsex": "H", "qualic": "M."},
        ],
        "memgrpsen": [
            # 1: président of GA01 since 2020, membership open (sentinel exit).
            {"memgrpsenid": "1", "orgcod": "GA01", "senmat": "90001A",
             "memgrpsendatent": ts("2020-10-01"), "memgrpsendatsor": OPEN},
            # 2: vice-président (rank 2) of GA01 2020-2023, then plain member.
            {"memgrpsenid": "2", "orgcod": "GA01", "senmat": "90002B",
             "memgrpsendatent": ts("2017-10-01"), "memgrpsendatsor": OPEN},
            # 3: former président of GA01 2014-2020 (past bureau).
            {"memgrpsenid": "3", "orgcod": "GA01", "senmat": "90005E",
             "memgrpsendatent": ts("2014-10-01"), "memgrpsendatsor": ts("2020-09-30")},
            # 4: présidente déléguée of GA02 for the Gabon (said in the function's text).
            {"memgrpsenid": "4", "orgcod": "GA02", "senmat": "90001A",
             "memgrpsendatent": SINCE_EVER, "memgrpsendatsor": OPEN},
            # 5: présidente déléguée of GA02, no country in the text -> reported.
            {"memgrpsenid": "5", "orgcod": "GA02", "senmat": "90004D",
             "memgrpsendatent": ts("2020-10-01"), "memgrpsendatsor": OPEN},
            # 6: membership of the dissolved GA03, still open -> ends with the group.
            {"memgrpsenid": "6", "orgcod": "GA03", "senmat": "90003C",
             "memgrpsendatent": ts("2011-10-01"), "memgrpsendatsor": OPEN},
            # 7: unknown senator -> rejected.
            {"memgrpsenid": "7", "orgcod": "GA01", "senmat": "99999Z",
             "memgrpsendatent": ts("2020-10-01"), "memgrpsendatsor": OPEN},
            # 8: study group -> skipped.
            {"memgrpsenid": "8", "orgcod": "GE01", "senmat": "90002B",
             "memgrpsendatent": ts("2020-10-01"), "memgrpsendatsor": OPEN},
            # 9: NULL in a NOT NULL column -> rejected.
            {"memgrpsenid": "9", "orgcod": "GA01", "senmat": "90003C",
             "memgrpsendatent": None, "memgrpsendatsor": OPEN},
            # 10: plain member of GA04.
            {"memgrpsenid": "10", "orgcod": "GA04", "senmat": "90003C",
             "memgrpsendatent": ts("2023-10-02"), "memgrpsendatsor": OPEN},
        ],
        "fonmemgrpsen": [
            {"fonmemgrpsenid": "1", "memgrpsenid": "1", "fongrpsencod": "PRE",
             "fonmemgrpsendatdeb": ts("2020-10-01")},
            {"fonmemgrpsenid": "2", "memgrpsenid": "2", "fongrpsencod": "VPR",
             "fonmemgrpsendatdeb": ts("2020-10-05"), "fonmemgrpsendatfin": ts("2023-09-30"),
             "fonmemgrpsenrngele": "2"},
            {"fonmemgrpsenid": "3", "memgrpsenid": "3", "fongrpsencod": "PRE",
             "fonmemgrpsendatdeb": ts("2014-10-01")},
            {"fonmemgrpsenid": "4", "memgrpsenid": "4", "fongrpsencod": "PRD",
             "fonmemgrpsendatdeb": ts("2020-10-01"),
             "evelib": "Présidente déléguée pour le Gabon"},
            {"fonmemgrpsenid": "5", "memgrpsenid": "5", "fongrpsencod": "PRD",
             "fonmemgrpsendatdeb": ts("2020-10-01"), "evelib": "   "},
            {"fonmemgrpsenid": "6", "memgrpsenid": "6", "fongrpsencod": "SEC",
             "fonmemgrpsendatdeb": ts("2011-10-01")},
            # Function of an unknown membership -> rejected.
            {"fonmemgrpsenid": "7", "memgrpsenid": "777", "fongrpsencod": "SEC",
             "fonmemgrpsendatdeb": ts("2011-10-01")},
            # Function of a rejected membership -> rejected with it; of a skipped one -> skipped.
            {"fonmemgrpsenid": "9", "memgrpsenid": "9", "fongrpsencod": "SEC",
             "fonmemgrpsendatdeb": ts("2021-10-01")},
            {"fonmemgrpsenid": "10", "memgrpsenid": "8", "fongrpsencod": "SEC",
             "fonmemgrpsendatdeb": ts("2021-10-01")},
            # NULL function code -> rejected.
            {"fonmemgrpsenid": "8", "memgrpsenid": "2", "fongrpsencod": None,
             "fonmemgrpsendatdeb": ts("2011-10-01")},
        ],
        "fongrpsen": [
            {"fongrpsencod": "PRE", "fongrpsenlib": "Président", "fongrpsenlic": "Pdt",
             "fongrpsenlibfem": "Présidente"},
            {"fongrpsencod": "PRD", "fongrpsenlib": "Président délégué", "fongrpsenlic": "PD",
             "fongrpsenlibfem": "Présidente déléguée"},
            {"fongrpsencod": "VPR", "fongrpsenlib": "Vice-président", "fongrpsenlic": "VP",
             "fongrpsenlibfem": "Vice-présidente"},
            {"fongrpsencod": "SEC", "fongrpsenlib": "   ", "fongrpsenlic": "Secrétaire",
             "fongrpsenlibfem": "Secrétaire"},
        ],
        "grppol": [
            {"grppolcod": "GHD", "grppollibcou": "Groupe Horizon démocrate (fictif)",
             "grppolliccou": "GHD", "typorgcod": "GP"},
            {"grppolcod": "GVA", "grppollibcou": "Groupe Vallées et Avenir (fictif)",
             "grppolliccou": "GVA", "typorgcod": "GP"},
        ],
        "memgrppol": [
            {"memgrppolid": "1", "grppolcod": "GVA", "typapppolcod": "M", "senmat": "90001A",
             "memgrppoldatdeb": ts("2011-10-01"), "memgrppoldatfin": ts("2017-09-30")},
            {"memgrppolid": "2", "grppolcod": "GHD", "typapppolcod": "M", "senmat": "90001A",
             "memgrppoldatdeb": ts("2017-10-01")},
            {"memgrppolid": "3", "grppolcod": "GVA", "typapppolcod": "A", "senmat": "90002B",
             "memgrppoldatdeb": None},
            # Unknown political group -> rejected.
            {"memgrppolid": "4", "grppolcod": "INCONNU", "typapppolcod": "M", "senmat": "90003C",
             "memgrppoldatdeb": ts("2020-10-01")},
        ],
        "typapppol": [
            {"typapppolcod": "M", "typapppollib": "Membre", "typapppollibfem": "Membre"},
            {"typapppolcod": "A", "typapppollib": "Apparenté", "typapppollibfem": "Apparentée"},
            {"typapppolcod": "R", "typapppollib": "Rattaché", "typapppollibfem": "Rattachée"},
        ],
        "activite": [
            {"actid": "1", "typactcod": "DEPLACEMENT", "catactcod": "GIA", "giacod": "GA01",
             "actlib": "Mission au Japon", "datdeb": ts("2024-04-10"), "datfin": ts("2024-04-15"),
             "nb_participants": "3", "nb_delegations": "0"},
            {"actid": "2", "typactcod": "RECEPTION", "catactcod": "GIA", "giacod": "GA01",
             "actlib": "Réception d'une délégation de la Diète", "datdeb": ts("2025-02-03"),
             "datfin": ts("2025-02-03"), "nb_participants": "0", "nb_delegations": "0"},
            # A regional group's reception: which country is not said -> rejected.
            {"actid": "3", "typactcod": "RECEPTION", "catactcod": "GIA", "giacod": "GA02",
             "actlib": "Délégation reçue", "datdeb": ts("2025-03-03"), "datfin": ts("2025-03-03"),
             "nb_participants": "0", "nb_delegations": "0"},
            {"actid": "4", "typactcod": "DEPLACEMENT", "catactcod": "GIA", "giacod": "GA02",
             "actlib": "   ", "actlic": "Mission en Afrique centrale", "datdeb": ts("2025-05-01"),
             "datfin": ts("2025-05-06"), "nb_participants": "0", "nb_delegations": "0"},
            # A type the mapping does not know -> skipped.
            {"actid": "5", "typactcod": "REUNION", "catactcod": "GIA", "giacod": "GA01",
             "actlib": "Réunion constitutive", "datdeb": ts("2023-11-01"),
             "datfin": ts("2023-11-01"), "nb_participants": "0", "nb_delegations": "0"},
            # A commission's activity (no giacod) and a study group's -> skipped.
            {"actid": "6", "typactcod": "DEPLACEMENT", "catactcod": "COM", "comcod": "CULT",
             "actlib": "Déplacement de commission", "datdeb": ts("2024-01-10"),
             "datfin": ts("2024-01-11"), "nb_participants": "0", "nb_delegations": "0"},
            {"actid": "7", "typactcod": "DEPLACEMENT", "catactcod": "GE", "giacod": "GE01",
             "actlib": "Visite de vignobles", "datdeb": ts("2024-06-10"),
             "datfin": ts("2024-06-11"), "nb_participants": "0", "nb_delegations": "0"},
        ],
        "activite_participant": [
            {"actparid": "1", "actid": "1", "senmat": "90001A", "fapcod": "CHEF", "fapidx": "1",
             "typactparcod": "PRESENT"},
            {"actparid": "2", "actid": "1", "senmat": "90002B", "fapcod": "MEMB",
             "typactparcod": "PRESENT"},
            {"actparid": "3", "actid": "1", "senmat": "99999Z", "fapcod": "MEMB",
             "typactparcod": "PRESENT"},
            {"actparid": "4", "actid": "6", "senmat": "90002B", "fapcod": "MEMB",
             "typactparcod": "PRESENT"},
            # Excused: not in the delegation.
            {"actparid": "7", "actid": "1", "senmat": "90004D", "fapcod": "MEMB",
             "typactparcod": "EXCUSE"},
            {"actparid": "6", "actid": "3", "senmat": "90002B", "fapcod": "MEMB",
             "typactparcod": "PRESENT"},
            {"actparid": "5", "actid": "999", "senmat": "90002B", "fapcod": "MEMB",
             "typactparcod": "PRESENT"},
        ],
        "type_activite_participant": [
            {"typactparcod": "PRESENT", "typactparlib": "Présent",
             "typactparlibfem": "Présente"},
            {"typactparcod": "EXCUSE", "typactparlib": "Excusé", "typactparlibfem": "Excusée"},
        ],
        "fonact_participant": [
            {"fapcod": "CHEF", "faplib": "Chef de délégation", "faplibfem": "Cheffe de délégation"},
            {"fapcod": "MEMB", "faplib": "Membre de la délégation",
             "faplibfem": "Membre de la délégation"},
        ],
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
