"""Generate a `sens` export (pg_dump form, zipped) at the real scale, for `make bench-import`.

About 180 groups, 2,000 senators, 31,000 memberships, 45,000 functions, 3,200 political
memberships and 43,000 activities (numbers of SENS-FORMAT.md, September 2026). Every
person is generated ("Nom0042 Prénom0042"); nothing comes from the real export. The same
seed gives the same file.

    python bench/sens_generate.py var/bench-import/export_sens.zip
"""

import csv
import datetime
import io
import random
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPEN = "9999-12-31 00:00:00"
SINCE = "1899-12-31 00:50:39"
PERIODS = [2002 + 3 * i for i in range(8)]  # 2002 … 2023 (current)
IN_OFFICE = 350
SENATORS = 2000
GROUPS_AMITIE, GROUPS_INFO, GROUPS_ETUDES = 150, 10, 20


def ts(day):
    return f"{day:%Y-%m-%d} 00:00:00"


def esc(value):
    if value is None:
        return "\\N"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


class Dump:
    def __init__(self, stream):
        self.out = stream
        self.out.write("--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\n\n")

    def table(self, name, columns, rows):
        self.out.write(f"COPY public.{name} ({', '.join(columns)}) FROM stdin;\n")
        for row in rows:
            self.out.write("\t".join(esc(v) for v in row) + "\n")
        self.out.write("\\.\n\n")

    def close(self):
        self.out.write("--\n-- PostgreSQL database dump complete\n--\n")


def countries():
    with open(ROOT / "sens/data/cog_iso.csv", encoding="utf-8") as stream:
        rows = csv.DictReader(line for line in stream if not line.startswith("#"))
        return [(r["cog"], r["name"]) for r in rows if r["status"] == "current"]


def generate(path, seed=11):
    rnd = random.Random(seed)
    nations = countries()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("export_sens.sql", "w") as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
            write(Dump(text), rnd, nations)
            text.flush()
            text.detach()


def write(dump, rnd, nations):
    # Unrelated tables come first in the real dump too: the reader skips them.
    dump.table(
        "activite_delegation",
        ["delegactid", "actid", "senmat", "senmat_delegue", "delegidx"],
        ((i, i, f"{i:05d}X", None, 1) for i in range(1, 3001)),
    )
    dump.table("nation", ["nationcod", "nationlibcog", "zongeocod"],
               ((c, n, "Z") for c, n in nations))  # fmt: skip

    # Groups: single-country and regional friendship groups, information and study groups.
    groups, links, names = [], [], []
    group_countries = {}
    for i in range(GROUPS_AMITIE + GROUPS_INFO + GROUPS_ETUDES):
        code = f"GA{i:03d}" if i < GROUPS_AMITIE else (
            f"GI{i:03d}" if i < GROUPS_AMITIE + GROUPS_INFO else f"GE{i:03d}")  # fmt: skip
        kind = "AMITIE" if code.startswith("GA") else ("INFO" if code[1] == "I" else "ETUDES")
        covered = rnd.sample(nations, 4 if i % 5 == 0 else 1)
        group_countries[code] = covered
        ended = ts(datetime.date(2012, 6, 30)) if i % 37 == 36 else None
        name = f"France-{covered[0][1]}" if len(covered) == 1 else f"France-Région {i}"
        groups.append((code, kind, ts(datetime.date(1995 + i % 20, 1, 15)), ended, name, name[:60]))
        for cog, _label in covered:
            links.append((len(links) + 1, code, cog, SINCE if i % 3 else None, None))
        if i % 3:  # two thirds have dated names, one of them renamed
            created = ts(datetime.date(1995 + i % 20, 1, 15))
            renamed = ts(datetime.date(2011, 9, 30))
            names.append((len(names) + 1, code, created, renamed, f"Groupe {name}", name[:60]))
            names.append(
                (len(names) + 1, code, ts(datetime.date(2011, 10, 1)), None, name, name[:60])
            )
    dump.table("grpsenami", ["orgcod", "typgrpsencod", "orgdatcre", "orgdatfin", "evelib", "evelic",
                             "typorgcod", "comorgcod", "plaindcod"],
               ((*g, "GIA", "NEANT", "X") for g in groups))  # fmt: skip
    dump.table("libgrpsen", ["libgrpsenid", "orgcod", "libgrpsendatautbur", "libgrpsendatfin",
                             "libgrpsenlib", "libgrpsenlic"], names)  # fmt: skip
    dump.table("nationgrpsen", ["nationgrpsenid", "orgcod", "nationcod", "nationgpsendatdeb",
                                "nationgrpsendatfin"], links)  # fmt: skip

    # Senators and political groups.
    active = set(range((len(PERIODS) - 1) * 206, (len(PERIODS) - 1) * 206 + IN_OFFICE))
    active = {s % SENATORS for s in active}
    dump.table("qua", ["quacod", "quacodsex", "qualic"], [("M.", "H", "M."), ("MME", "F", "Mme")])
    dump.table(
        "sen",
        ["senmat", "quacod", "sennomuse", "sennomtec", "senprenomuse", "etasencod", "sencircou",
         "pcscod", "catprocod", "sennomusecap"],
        ((f"{s:05d}X", "MME" if s % 3 == 0 else "M.", f"Nom{s:04d}", f"nom{s:04d}",
          f"Prénom{s:04d}", "ACTIF" if s in active else "ANCIEN", f"Département {s % 101}",
          "00", "X", f"NOM{s:04d}") for s in range(SENATORS)),
    )  # fmt: skip
    political = [(f"GP{p}", f"Groupe politique {p} (fictif)", f"GP{p}") for p in range(8)]
    dump.table("grppol", ["grppolcod", "grppollibcou", "grppolliccou", "typorgcod"],
               ((*p, "GP") for p in political))  # fmt: skip
    dump.table("typapppol", ["typapppolcod", "typapppollib", "typapppollibfem"],
               [("M", "Membre", "Membre"), ("A", "Apparenté", "Apparentée"),
                ("R", "Rattaché", "Rattachée")])  # fmt: skip
    memgrppol = []
    for s in range(SENATORS):
        first = rnd.choice(political)[0]
        if s % 10 < 6:
            memgrppol.append((len(memgrppol) + 1, first, "M", ts(datetime.date(2005, 10, 1)),
                              ts(datetime.date(2014, 9, 30)), f"{s:05d}X"))  # fmt: skip
            memgrppol.append((len(memgrppol) + 1, rnd.choice(political)[0], rnd.choice("MAR"),
                              ts(datetime.date(2014, 10, 1)), None, f"{s:05d}X"))  # fmt: skip
        else:
            memgrppol.append((len(memgrppol) + 1, first, "M", None if s % 4 else SINCE, None,
                              f"{s:05d}X"))  # fmt: skip
    dump.table("memgrppol", ["memgrppolid", "grppolcod", "typapppolcod", "memgrppoldatdeb",
                             "memgrppoldatfin", "senmat"], memgrppol)  # fmt: skip

    # Memberships and functions, period by period.
    dump.table("fongrpsen", ["fongrpsencod", "fongrpsenlib", "fongrpsenlic", "fongrpsenlibfem"],
               [("PRE", "Président", "Pdt", "Présidente"),
                ("PRD", "Président délégué", "PD", "Présidente déléguée"),
                ("VPR", "Vice-président", "VP", "Vice-présidente"),
                ("SEC", "Secrétaire", "Sec", "Secrétaire"),
                ("MEM", "Membre", "Mbre", "Membre")])  # fmt: skip
    codes = [g[0] for g in groups]
    memberships, functions = [], []
    for p, year in enumerate(PERIODS):
        current = p == len(PERIODS) - 1
        start, end = datetime.date(year, 10, 1), datetime.date(year + 3, 9, 30)
        senators = [(p * 206 + k) % SENATORS for k in range(IN_OFFICE)]
        taken = {}
        for s in senators:
            # No membership of a group after its dissolution (2012).
            open_codes = codes if year < 2012 else [g[0] for g in groups if g[3] is None]
            for code in rnd.sample(open_codes, 11):
                mid = len(memberships) + 1
                entry = start + datetime.timedelta(days=rnd.randrange(0, 20))
                exit_ = OPEN if current else ts(end)
                memberships.append((mid, code, ts(entry), exit_, f"{s:05d}X"))
                slots = taken.setdefault(code, set())
                if "PRE" not in slots:
                    slots.add("PRE")
                    role, text = "PRE", None
                elif len(group_countries[code]) > 1 and len(slots) <= len(group_countries[code]):
                    country = group_countries[code][len(slots) - 1][1]
                    slots.add(country)
                    role, text = "PRD", f"Président délégué pour {country}"
                else:
                    role, text = rnd.choice(["MEM"] * 6 + ["VPR", "VPR", "SEC"]), None
                fin = None if current else ts(end)
                if role in ("MEM", "VPR", "SEC") and rnd.random() < 0.5:
                    middle = entry + datetime.timedelta(days=500)
                    functions.append((len(functions) + 1, mid, "MEM", ts(entry),
                                      ts(middle), None, None))  # fmt: skip
                    functions.append((len(functions) + 1, mid, rnd.choice(["VPR", "SEC"]),
                                      ts(middle + datetime.timedelta(days=1)), fin,
                                      rnd.randrange(1, 6), None))  # fmt: skip
                else:
                    rank = rnd.randrange(1, 6) if role == "VPR" else None
                    functions.append((len(functions) + 1, mid, role, ts(entry), fin, rank, text))
    dump.table("memgrpsen", ["memgrpsenid", "orgcod", "memgrpsendatent", "memgrpsendatsor",
                             "senmat"], memberships)  # fmt: skip
    dump.table("fonmemgrpsen", ["fonmemgrpsenid", "memgrpsenid", "fongrpsencod",
                                "fonmemgrpsendatdeb", "fonmemgrpsendatfin",
                                "fonmemgrpsenrngele", "evelib"], functions)  # fmt: skip

    # Activities: most belong to commissions; some are the friendship groups' trips,
    # receptions and meetings.
    dump.table("fonact_participant", ["fapcod", "faplib", "faplibfem", "faplic"],
               [("CHEF", "Chef de délégation", "Cheffe de délégation", "Chef"),
                ("MEMB", "Membre de délégation", "Membre de délégation", "Mbre")])  # fmt: skip
    activities, participants = [], []
    friendship = [c for c in codes if c.startswith("GA")]
    for a in range(1, 43001):
        day = datetime.date(2005, 1, 1) + datetime.timedelta(days=rnd.randrange(0, 7600))
        if a % 7 == 0:
            kind = rnd.choice(["DEPLACEMENT", "DEPLACEMENT", "RECEPTION", "REUNION"])
            activities.append((a, kind, "GIA", None, rnd.choice(friendship), f"Activité {a}",
                               ts(day), ts(day + datetime.timedelta(days=4))))  # fmt: skip
        else:
            activities.append((a, "REUNION", "COM", "COM1", None, f"Réunion {a}", ts(day),
                               ts(day)))  # fmt: skip
        for k, s in enumerate(rnd.sample(range(SENATORS), 2)):
            participants.append((len(participants) + 1, a, f"{s:05d}X",
                                 "CHEF" if k == 0 else "MEMB", k + 1))  # fmt: skip
    dump.table("activite", ["actid", "typactcod", "catactcod", "comcod", "giacod", "actlib",
                            "datdeb", "datfin"], activities)  # fmt: skip
    dump.table("type_activite_participant", ["typactparcod", "typactparlib", "typactparlibfem"],
               [("PRESENT", "Présent", "Présente"), ("EXCUSE", "Excusé", "Excusée")])  # fmt: skip
    dump.table("activite_participant",
               ["actparid", "actid", "senmat", "fapcod", "fapidx", "typactparcod"],
               ((*p, "EXCUSE" if p[0] % 10 == 0 else "PRESENT") for p in participants))  # fmt: skip
    dump.close()
    counts = {
        "groups": len(groups), "senators": SENATORS, "memberships": len(memberships),
        "functions": len(functions), "political memberships": len(memgrppol),
        "activities": len(activities), "participants": len(participants),
    }  # fmt: skip
    print(", ".join(f"{v:,} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "var/bench-import/export_sens.zip")
    target.parent.mkdir(parents=True, exist_ok=True)
    generate(target)
    print(f"{target} ({target.stat().st_size / 1e6:.1f} MB)")
