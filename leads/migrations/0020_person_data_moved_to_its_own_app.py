"""PersonRequest and PersonDataAuditRecord now belong to the person_data app
(person_data/0001_initial), which keeps their tables: leads forgets them without dropping
anything."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('leads', '0019_email_deliveries_moved_to_outbox'),
        # The models are in person_data's state before they leave leads', so the tables always
        # have an owner.
        ('person_data', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='PersonDataAuditRecord'),
                migrations.DeleteModel(name='PersonRequest'),
            ],
            database_operations=[],
        ),
    ]
