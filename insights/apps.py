from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Insights: the figures intake staff and Marketing read about the contact requests (speed to
    first contact, urgent requests, the funnel, channels, pages and campaigns), their charts and
    downloads. It reads leads; nothing reads it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "insights"
    verbose_name = "Insights"
