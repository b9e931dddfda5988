from importlib import import_module

from django.apps import AppConfig


class CallsConfig(AppConfig):
    """Book the first call: the staff's call hours, the free times a visitor picks from, the
    booked calls with their emails, reminders and calendar feeds. It imports leads (the lead a
    call is for, leads' registries), the outbox and core; no app imports it but insights,
    person_data and seed_demo (import-linter contracts)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "calls"
    verbose_name = "Calls"

    def ready(self):
        # The thank-you page's time picker registers itself with leads (leads.visitor_additions)
        # from the visitor views' module; the confirmation's link from calls.emails, which the
        # outbox loads in every process. Loaded by name, as Django loads each app's models.
        import_module(f"{self.name}.public_views")
