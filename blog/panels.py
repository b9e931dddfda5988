"""The article editor's "Medical content checks" panel: the warnings of the version being edited,
as the author and the medical reviewer see them. Its HTML is in templates/blog/admin/."""

from wagtail.admin.panels import Panel


class ContentChecksPanel(Panel):
    """Shows the page's `content_report()`: reading levels and warnings, never errors."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "blog/admin/content_checks_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            # A new page has no saved text yet; the checks read the saved draft.
            context["report"] = self.instance.content_report() if self.instance.pk else None
            return context
