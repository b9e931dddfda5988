"""The second-factor code form. wagtail-2fa 1.8.0's form lets django-otp pick the device, which
django-otp 1.7.1 and later refuse (a form must name the device it checks, so a wrong code is
never counted against every device the user has). This form names it: the user's only device,
or the one they choose when they have several."""

from django import forms
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.auth import require_admin_access
from wagtail_2fa.forms import TokenForm
from wagtail_2fa.middleware import VerifyUserPermissionsMiddleware
from wagtail_2fa.views import LoginView

from core.paths import is_admin_path


class DeviceTokenForm(TokenForm):
    """wagtail-2fa's code form, with the device named as django-otp requires."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["otp_token"].label = "Code from your authenticator app"
        self.fields["otp_token"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "one-time-code"}
        )
        self.device_choices = [
            (device.persistent_id, device.name)
            for device in TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk")
        ]
        if len(self.device_choices) > 1:
            self.fields["otp_device"] = forms.ChoiceField(
                label="Device", choices=self.device_choices
            )

    @property
    def extra_fields(self):
        """The device choice, which wagtail-2fa's template shows below the code."""
        return [(name, self[name]) for name in ("otp_device",) if name in self.fields]

    def clean(self):
        if "otp_device" not in self.fields and self.device_choices:
            self.cleaned_data["otp_device"] = self.device_choices[0][0]
        return super().clean()


class TwoFactorSignInView(LoginView):
    """wagtail-2fa's "enter your code" page with DeviceTokenForm."""

    form_class = DeviceTokenForm


# Served outside Wagtail's admin URLs (it replaces wagtail-2fa's page at the same address), so it
# gets the admin's own guard by hand: a visitor without a session is sent to the sign-in page, as
# on every other admin address, instead of the code form asking django-otp for an anonymous
# user's devices (a server error, and an error mail to ADMINS, on every such request).
two_factor_sign_in = require_admin_access(TwoFactorSignInView.as_view())


class AdminTwoFactorMiddleware(VerifyUserPermissionsMiddleware):
    """wagtail-2fa's middleware on admin requests only: it loads the signed-in user on every
    request it sees, and only the admin holds staff data. Public pages and static files stay
    free of session and user lookups (they may be served from a cache)."""

    def __call__(self, request):
        if not is_admin_path(request.path_info):
            return self.get_response(request)
        return super().__call__(request)
