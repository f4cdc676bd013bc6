from django.db import migrations

# With the Senate's import (issue 11) a group's countries have a history (CountryLink):
# a past président délégué may hold a country the group no longer covers, and the
# Senate's records do not always say which country a président délégué holds (then the
# role is imported without one). So: a delegate's country, when given, must be covered
# by the group today or at some time (a dated link); a country leaves the group's current
# countries unless a *current* delegate holds it.
FORWARD = """
CREATE OR REPLACE FUNCTION groups_check_delegate_country() RETURNS trigger AS $$
BEGIN
    IF NEW.role = 'delegate_president' AND NEW.country_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM groups_friendshipgroup_countries gc
        WHERE gc.friendshipgroup_id = NEW.group_id AND gc.country_id = NEW.country_id
    ) AND NOT EXISTS (
        SELECT 1 FROM groups_countrylink cl
        WHERE cl.group_id = NEW.group_id AND cl.country_id = NEW.country_id
    ) THEN
        RAISE EXCEPTION 'delegate president''s country % is not covered by group %',
            NEW.country_id, NEW.group_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'membership_delegate_country_covered';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION groups_check_uncovered_delegate() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM groups_membership m
        WHERE m.group_id = OLD.friendshipgroup_id AND m.country_id = OLD.country_id
          AND m.role = 'delegate_president' AND m.end_date IS NULL
    ) THEN
        RAISE EXCEPTION 'country % still has a delegate president in group %',
            OLD.country_id, OLD.friendshipgroup_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'membership_delegate_country_covered';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

BACKWARD = """
CREATE OR REPLACE FUNCTION groups_check_delegate_country() RETURNS trigger AS $$
BEGIN
    IF NEW.role = 'delegate_president' AND NOT EXISTS (
        SELECT 1 FROM groups_friendshipgroup_countries gc
        WHERE gc.friendshipgroup_id = NEW.group_id AND gc.country_id = NEW.country_id
    ) THEN
        RAISE EXCEPTION 'delegate president''s country % is not covered by group %',
            NEW.country_id, NEW.group_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'membership_delegate_country_covered';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION groups_check_uncovered_delegate() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM groups_membership m
        WHERE m.group_id = OLD.friendshipgroup_id AND m.country_id = OLD.country_id
          AND m.role = 'delegate_president'
    ) THEN
        RAISE EXCEPTION 'country % still has a delegate president in group %',
            OLD.country_id, OLD.friendshipgroup_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'membership_delegate_country_covered';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


class Migration(migrations.Migration):
    dependencies = [("groups", "0004_senate_import_fields")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
