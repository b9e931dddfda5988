"""The admin sign-in form and the password-reset form."""

from wagtail.admin.forms.auth import LoginForm, PasswordResetForm

from accounts.password_reset import queue_password_reset_emails


class StaffLoginForm(LoginForm):
    """Wagtail's sign-in form without "Remember me": a staff session always ends when the browser
    closes (Wagtail would otherwise keep it for two weeks)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("remember", None)


class OutboxPasswordResetForm(PasswordResetForm):
    """Wagtail's "Forgotten password?" form (WAGTAILADMIN_USER_PASSWORD_RESET_FORM), sending
    through the outbox: Django's form would render the token into the email and send it inside
    the request, so the answer took measurably longer for an address that has an account."""

    def save(self, *args, **kwargs):
        # The same accounts Django's form would mail: active, with a usable password, whose
        # address matches what was typed.
        queue_password_reset_emails(self.get_users(self.cleaned_data["email"]))
