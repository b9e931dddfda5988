"""Every clinic starts with its crisis message in Spanish: the 988 Lifeline in Spanish (press 2, text
AYUDA, the chat at 988lineadevida.org) and 911. The text is copied here, not imported, so the
migration stays what it was when the model's default changes."""

from django.conf import settings
from django.db import migrations

SPANISH_CRISIS_MESSAGE = (
    "Si está pasando por una crisis o piensa en el suicidio, no tiene que enfrentarlo a "
    "solas: llame al 988 y marque 2 para hablar en español, envíe AYUDA por mensaje de "
    "texto al 988 o chatee en español en 988lineadevida.org. En una emergencia, llame al "
    "911. Este sitio y su formulario no se revisan para atender emergencias."
)
SPANISH_CHAT_URL = "https://988lineadevida.org/"


def add_spanish_crisis_message(apps, schema_editor):
    if "es" not in dict(settings.LANGUAGES):
        return
    ClinicSettings = apps.get_model("core", "ClinicSettings")
    CrisisMessage = apps.get_model("core", "CrisisMessage")
    for clinic in ClinicSettings.objects.all():
        CrisisMessage.objects.get_or_create(
            setting=clinic,
            language="es",
            defaults={
                "message": SPANISH_CRISIS_MESSAGE,
                "chat_url": SPANISH_CHAT_URL,
                "sort_order": 0,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_crisis_message_per_language")]

    operations = [
        migrations.RunPython(add_spanish_crisis_message, migrations.RunPython.noop, elidable=True)
    ]
