"""Every site's urgent-request settings get the Spanish crisis phrases, so a Spanish message that
may come from someone in crisis is urgent from the start. The list is copied here, not imported, so
the migration stays what it was when the built-in list changes."""

from django.conf import settings
from django.db import migrations

SPANISH_CRISIS_PHRASES = [
    "suicid*",
    "quiero morir",
    "quiero morirme",
    "me quiero morir",
    "me quiero matar",
    "ganas de morir",
    "deseo morir",
    "quisiera estar muert*",
    "no quiero vivir",
    "no quiero seguir viviendo",
    "no quiero estar viv*",
    "no quiero despertar",
    "matarme",
    "quitarme la vida",
    "acabar con mi vida",
    "terminar con mi vida",
    "poner fin a mi vida",
    "acabar con todo",
    "hacerme daño",
    "lastimarme",
    "autolesi*",
    "mejor muert*",
    "mejor sin mi",
    "no vale la pena vivir",
    "no tiene sentido vivir",
    "ya no puedo más",
    "no aguanto más",
    "sobredosis",
    "desaparecer para siempre",
    "en crisis",
    "emergencia",
]


def add_spanish_crisis_phrases(apps, schema_editor):
    if "es" not in dict(settings.LANGUAGES):
        return
    UrgentRequestSettings = apps.get_model("leads", "UrgentRequestSettings")
    CrisisPhraseList = apps.get_model("leads", "CrisisPhraseList")
    for urgent in UrgentRequestSettings.objects.all():
        CrisisPhraseList.objects.get_or_create(
            setting=urgent,
            language="es",
            defaults={"phrases": "\n".join(SPANISH_CRISIS_PHRASES), "sort_order": 0},
        )


class Migration(migrations.Migration):
    dependencies = [("leads", "0024_crisis_phrases_per_language")]

    operations = [
        migrations.RunPython(add_spanish_crisis_phrases, migrations.RunPython.noop, elidable=True)
    ]
