"""The admin sign-in form."""

from wagtail.admin.forms.auth import LoginForm


class StaffLoginForm(LoginForm):
    """Wagtail's sign-in form without "Remember me": a staff session always ends when the browser
    closes (Wagtail would otherwise keep it for two weeks)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("remember", None)
