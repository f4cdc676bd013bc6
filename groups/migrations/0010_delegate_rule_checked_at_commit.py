from django.db import migrations

# The rule that a current délégué's country is one the group covers holds at commit, not
# between the statements of one change (issue 20): deleting a group deletes its country
# links before its memberships (Django's cascade order), and an editor may move a délégué
# to another country and drop the old one in one save. A deferred constraint trigger
# checks each removed link when the transaction commits, by then against the rows as
# they are: a country covered again, or a délégué gone with its group, break nothing.
FORWARD = """
DROP TRIGGER IF EXISTS group_country_keeps_delegates ON groups_friendshipgroup_countries;

CREATE OR REPLACE FUNCTION groups_check_uncovered_delegate() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM groups_membership m
        WHERE m.group_id = OLD.friendshipgroup_id AND m.country_id = OLD.country_id
          AND m.role = 'delegate_president' AND m.end_date IS NULL
    ) AND NOT EXISTS (
        SELECT 1 FROM groups_friendshipgroup_countries gc
        WHERE gc.friendshipgroup_id = OLD.friendshipgroup_id AND gc.country_id = OLD.country_id
    ) THEN
        RAISE EXCEPTION 'country % still has a delegate president in group %',
            OLD.country_id, OLD.friendshipgroup_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'membership_delegate_country_covered';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER group_country_keeps_delegates
    AFTER DELETE OR UPDATE ON groups_friendshipgroup_countries
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION groups_check_uncovered_delegate();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS group_country_keeps_delegates ON groups_friendshipgroup_countries;

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

CREATE TRIGGER group_country_keeps_delegates
    AFTER DELETE OR UPDATE ON groups_friendshipgroup_countries
    FOR EACH ROW EXECUTE FUNCTION groups_check_uncovered_delegate();
"""


class Migration(migrations.Migration):
    dependencies = [("groups", "0009_remove_senator_political_group_text")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
