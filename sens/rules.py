"""The import rules in staff's words: for each row of a run's report, one sentence saying
what was rejected, corrected or reported and why, and what to do about it (FR/EN).

The rule names are the importers' (sens/check/, sens/write.py, cooperation/importer.py);
a rule without a sentence here still shows, with its name.
"""

from django.utils.translation import gettext_lazy as _

# What a row of each source table is, for staff: "Membership 7", "Line 12"…
RECORDS = {
    "grpsenami": _("Group {key}"),
    "libgrpsen": _("Group name {key}"),
    "nationgrpsen": _("Link {key} between a group and a country"),
    "nation": _("Country code {key}"),
    "sen": _("Senator {key}"),
    "qua": _("Civility {key}"),
    "memgrpsen": _("Membership {key}"),
    "fonmemgrpsen": _("Function {key} in a group"),
    "fongrpsen": _("Function code {key}"),
    "memberships": _("Membership {key}"),
    "grppol": _("Political group {key}"),
    "memgrppol": _("Political group membership {key}"),
    "typapppol": _("Political membership kind {key}"),
    "activite": _("Activity {key}"),
    "activite_participant": _("Participation {key} in an activity"),
    "fonact_participant": _("Participant function {key}"),
    "type_activite_participant": _("Participant status {key}"),
    "agreements": _("Line {key} of the file"),
}

# The tables' names in the figures.
TABLES = {
    "grpsenami": _("Friendship groups"),
    "libgrpsen": _("Group names"),
    "nationgrpsen": _("Groups' countries"),
    "groups countries": _("Groups' current countries"),
    "nation": _("Countries"),
    "sen": _("Senators"),
    "qua": _("Civilities"),
    "memgrpsen": _("Memberships"),
    "fonmemgrpsen": _("Functions in groups"),
    "fongrpsen": _("Function codes"),
    "memberships": _("Memberships and functions"),
    "grppol": _("Political groups"),
    "memgrppol": _("Political group memberships"),
    "typapppol": _("Political membership kinds"),
    "activite": _("Activities (missions, receptions)"),
    "activite_participant": _("Delegation members"),
    "fonact_participant": _("Participant functions"),
    "type_activite_participant": _("Participant statuses"),
    "agreements": _("Agreements"),
    "authorities": _("Authorities"),
}

FIGURES = {
    "read": _("read"),
    "created": _("created"),
    "updated": _("updated"),
    "unchanged": _("unchanged"),
    "ended": _("ended"),
    "rejected": _("rejected"),
    "corrected": _("corrected"),
    "normalised": _("normalised"),
    "skipped": _("skipped"),
}

SENATE = _(
    "The Senate's export is wrong here: tell the Senate's data service (data.senat.fr); the "
    "next import takes the row once it is corrected."
)
BY_HAND = _(
    "Check it on senat.fr and, if it matters, enter it by hand in the back office; the import "
    "reports it again until the export changes."
)
NOTHING = _("Nothing to do: the import applied the rule, the data is consistent.")
CONFLICT = _(
    "A record entered by hand in the back office disagrees with the Senate's: check the "
    "group's memberships and end the one that is out of date."
)
COUNTRY = _(
    "If the country should be on the portal, add it (Countries) with its ISO code, then run "
    "the import again."
)
FILE = _("Correct this line of the file, then import the file again.")

# What happened, for each rule, grouped by what to do about it (RULES below). {detail} is
# the importer's own detail (a code, a date).
SENATES_ERRORS = {
    "not_null": _("a required value is missing ({detail})."),
    "bad_date": _("a date does not exist ({detail})."),
    "duplicate_key": _(
        "{detail} rows share this key; none was imported, since which is right is unknown."
    ),
    "value_too_long": _(
        "a text is longer than the portal can store ({detail}); it was not cut short."
    ),
    "unknown_group": _("its group {detail} is not in the export."),
    "unknown_senator": _("its senator {detail} is not in the export."),
    "unknown_membership": _("its membership {detail} is not in the export."),
    "unknown_function": _("its function code {detail} is not in the export."),
    "unknown_civility": _("its civility {detail} is not in the export."),
    "unknown_nation": _("its country code {detail} is not in the export."),
    "nation_name_mismatch": _(
        "its name and its INSEE code name two different countries ({detail})."
    ),
    "unknown_political_group": _("its political group {detail} is not in the export."),
    "no_name": _("it has no name."),
    "ends_before_start": _("it ends before it starts."),
    "overlapping_function": _("it overlaps another function of the same membership."),
    "unknown_date": _("it has no date."),
    "unknown_activity": _("its activity {detail} is not in the export."),
}
RULES_APPLIED = {
    "group_rejected": _("its group {detail} was rejected (see that group's row)."),
    "senator_rejected": _("its senator {detail} was rejected (see that senator's row)."),
    "membership_rejected": _("its membership {detail} was rejected (see that membership's row)."),
    "nation_rejected": _("its country code {detail} was rejected (see that country's row)."),
    "activity_rejected": _("its activity {detail} was rejected (see that activity's row)."),
    "function_ends_with_membership": _(
        "the function went on after its membership ended; it now ends on {detail}."
    ),
    "membership_ends_with_group": _(
        "the membership went on after the group was dissolved; it now ends on {detail}."
    ),
    "renamed": _(
        "the Senate renamed it; its page moved ({detail}) and its old address leads there."
    ),
}
EXPORT_CANNOT_SAY = {
    "country_not_iso": _("the INSEE country code {detail} has no ISO country (e.g. Kosovo)."),
    "reception_country_unknown": _(
        "the export does not say which country of the regional group it concerns."
    ),
    "delegate_country_unknown": _(
        "imported as delegate president without a country: the export does not say which."
    ),
}
CONFLICTS = {
    "second_current_president": _(
        "the group would have two current presidents (the one kept: {detail})."
    ),
    "second_current_delegate": _(
        "the country would have two current delegate presidents (the one kept: {detail})."
    ),
    "second_current_membership": _(
        "the senator would be a current member twice (the row kept: {detail})."
    ),
}
# import_cooperation's (unknown_kind: also a Senate political membership's kind)
FILE_ERRORS = {
    "unknown_kind": _("its kind {detail} is unknown."),
    "missing_value": _("a required column is empty ({detail})."),
    "bad_url": _("the source is not a web link ({detail})."),
    "refused_by_database": _("the database refused it ({detail})."),
    "unknown_country": _("the country is unknown ({detail})."),
    "unknown_insee_code": _("the INSEE code is unknown ({detail})."),
    "missing_name": _("the French authority has no name ({detail})."),
    "list_lengths": _("the lists of authorities do not match ({detail})."),
    "unknown_french_authority_kind": _("the French authority's kind is unknown ({detail})."),
    "unknown_foreign_authority_kind": _("the foreign authority's kind is unknown ({detail})."),
    "unknown_state": _("the state is unknown ({detail})."),
    "unknown_themes": _("a theme is unknown ({detail})."),
}

# rule: (what happened, what to do): the tables above, then the rules with advice of their own.
RULES = {
    rule: (reason, advice)
    for reasons, advice in [
        (SENATES_ERRORS, SENATE),
        (RULES_APPLIED, NOTHING),
        (EXPORT_CANNOT_SAY, BY_HAND),
        (CONFLICTS, CONFLICT),
        (FILE_ERRORS, FILE),
    ]
    for rule, reason in reasons.items()
} | {
    "country_not_in_portal": (_("the country {detail} is not on the portal."), COUNTRY),
    "missing_from_export": (
        _("it is no longer in the export; it was ended at the export's date."),
        _("Nothing to do if the Senate ended it; otherwise tell the Senate's data service."),
    ),
    "duplicate_row": (
        _("it describes the same agreement as another line ({detail}); neither was imported."),
        _("Keep one of the lines, then import the file again."),
    ),
}
SENTENCE = _("{record}: {reason}")
ACTIONS = {
    "rejected": _("Row rejected"),
    "corrected": _("Row corrected"),
    "reported": _("To check"),
}


def explain(row):
    """{"action", "sentence", "advice"} for a row of a run's report, in the active language."""
    key = row.get("line") or row.get("key", "")
    record = RECORDS.get(row.get("table"))
    record = str(record).format(key=key) if record else f"{row.get('table')} {key}"
    reason, advice = RULES.get(row.get("rule"), (None, SENATE))
    if row.get("line") is not None and row.get("rule") != "duplicate_row":
        advice = FILE  # a line of a file staff keep: they correct it themselves
    detail = row.get("detail") or ""
    reason = str(reason).format(detail=detail) if reason else f"{row.get('rule')} {detail}"
    # « Appartenance 7 : … » in French, « Membership 7: … » in English.
    sentence = str(SENTENCE).format(record=record, reason=reason.strip())
    return {
        "action": str(ACTIONS.get(row.get("action"), row.get("action", ""))),
        "sentence": sentence.replace(" ().", ".").replace(": .", "."),
        "advice": str(advice),
    }
