from django.db import migrations
from django.db import models
from django.utils import timezone

# A dissolved group was two fields holding one fact: ``is_active`` and ``dissolved_on``
# (issue 19). ``dissolved_on`` stays. A group marked inactive by hand, without a date,
# gets the date of its last change (the best the rows know). A group marked active with a
# past dissolution date is dissolved from now on, as its date says.


def forwards(apps, schema_editor):
    FriendshipGroup = apps.get_model("groups", "FriendshipGroup")
    for group in FriendshipGroup.objects.filter(is_active=False, dissolved_on__isnull=True):
        group.dissolved_on = timezone.localdate(group.updated_at)
        group.save(update_fields=["dissolved_on"])


def backwards(apps, schema_editor):
    FriendshipGroup = apps.get_model("groups", "FriendshipGroup")
    FriendshipGroup.objects.filter(dissolved_on__lte=timezone.localdate()).update(is_active=False)


class Migration(migrations.Migration):
    dependencies = [("groups", "0010_delegate_rule_checked_at_commit")]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="friendshipgroup", name="is_active"),
        migrations.AlterField(
            model_name="friendshipgroup",
            name="dissolved_on",
            field=models.DateField(
                blank=True,
                help_text=(
                    "The first day the group no longer exists. From then on it is shown among "
                    "the dissolved groups, with its bureau and members on the day before."
                ),
                null=True,
                verbose_name="dissolution date",
            ),
        ),
    ]
