from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

# A delegate president's country must be one the group covers. The rule spans two
# tables, so a CHECK cannot hold it: two triggers do, one on memberships and one
# on the group-country link (removing a country that still has a delegate).
DELEGATE_COUNTRY_SQL = """
CREATE FUNCTION groups_check_delegate_country() RETURNS trigger AS $$
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

CREATE TRIGGER membership_delegate_country_covered
    AFTER INSERT OR UPDATE OF role, country_id, group_id ON groups_membership
    FOR EACH ROW EXECUTE FUNCTION groups_check_delegate_country();

CREATE FUNCTION groups_check_uncovered_delegate() RETURNS trigger AS $$
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

CREATE TRIGGER group_country_keeps_delegates
    AFTER DELETE OR UPDATE ON groups_friendshipgroup_countries
    FOR EACH ROW EXECUTE FUNCTION groups_check_uncovered_delegate();
"""

DROP_DELEGATE_COUNTRY_SQL = """
DROP TRIGGER IF EXISTS group_country_keeps_delegates ON groups_friendshipgroup_countries;
DROP FUNCTION IF EXISTS groups_check_uncovered_delegate();
DROP TRIGGER IF EXISTS membership_delegate_country_covered ON groups_membership;
DROP FUNCTION IF EXISTS groups_check_delegate_country();
"""


class Migration(migrations.Migration):
    dependencies = [("groups", "0001_initial")]

    operations = [
        # Accent-insensitive and fuzzy search (reports, "did you mean").
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunSQL(DELEGATE_COUNTRY_SQL, DROP_DELEGATE_COUNTRY_SQL),
    ]
