"""The person requests and their audit, moved here from the leads app: their tables stay as
leads created them (leads/0011_person_requests), so this changes Django's record of which app
owns them and nothing in the database."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('leads', '0018_password_reset_email_kind'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PersonDataAuditRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                        ('action', models.CharField(choices=[('search', 'Searched'), ('copy', 'Downloaded a copy'), ('erase', 'Erased')], max_length=10)),
                        ('export_format', models.CharField(blank=True, max_length=10, verbose_name='format')),
                        ('reference', models.CharField(blank=True, help_text="The person request's reference.", max_length=40, verbose_name='request reference')),
                        ('lead_ids', models.JSONField(default=list, help_text='The numbers of the leads found or acted on.', verbose_name='contact requests')),
                        ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'person data audit record',
                        'db_table': 'leads_persondataauditrecord',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='PersonRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reference', models.CharField(help_text="The number you give this request (for example from the mailbox or the phone log). You type it again when you copy or erase the person's data.", max_length=40, unique=True)),
                        ('kind', models.CharField(choices=[('access', 'Copy of their data'), ('erasure', 'Erasure'), ('access_and_erasure', 'Copy, then erasure')], help_text='What the person asked for.', max_length=20)),
                        ('received_on', models.DateField(default=django.utils.timezone.localdate, help_text="The day the person's request reached us.")),
                        ('due_on', models.DateField(blank=True, help_text='The day the answer is due: the day received plus LEADS_PERSON_REQUEST_DAYS (set automatically).')),
                        ('completed_on', models.DateField(blank=True, help_text='The day the person got their copy or their data was erased; empty while open.', null=True, verbose_name='done on')),
                        ('handler', models.ForeignKey(blank=True, help_text='The intake staff member who answers it; the daily digest reminds them.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='person_requests', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'person request',
                        'db_table': 'leads_personrequest',
                        'verbose_name_plural': 'person requests',
                        'ordering': [models.OrderBy(models.F('completed_on'), nulls_first=True), 'due_on', 'pk'],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
