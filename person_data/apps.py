from django.apps import AppConfig


class PersonDataConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "person_data"
    verbose_name = "Person data"
