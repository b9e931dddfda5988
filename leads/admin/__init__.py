"""The intake admin: permissions, views, forms, staff actions, filters, the report, the viewsets
and the dashboard panels. leads/wagtail_hooks.py registers them; nothing below imports this."""
