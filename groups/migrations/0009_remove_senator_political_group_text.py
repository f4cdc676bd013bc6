# The text field's values became rows in 0008 (a separate migration: PostgreSQL refuses
# to alter a table with pending deferred-constraint checks from the rows just written).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0008_political_group_text_to_rows"),
    ]

    operations = [
        migrations.RemoveField(model_name="senator", name="political_group"),
        migrations.RemoveField(model_name="senator", name="political_group_en"),
        migrations.RemoveField(model_name="senator", name="political_group_fr"),
    ]
