"""Signal receivers that feed the sign-in audit: Django's sign-in signals, django-axes' lockout,
django-otp's failed code, and the second-factor devices' saves and deletions."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django_otp.forms import otp_verification_failed
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.audit import record_lockout, record_sign_in_event
from accounts.models import SignInEvent, SignInEventKind


@receiver(user_logged_in, dispatch_uid="accounts.audit.signed_in")
def audit_signed_in(sender, request, user, **kwargs):
    record_sign_in_event(SignInEventKind.SIGNED_IN, request=request, user=user)


@receiver(user_logged_out, dispatch_uid="accounts.audit.signed_out")
def audit_signed_out(sender, request, user, **kwargs):
    if user is not None:
        record_sign_in_event(SignInEventKind.SIGNED_OUT, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="accounts.audit.failed")
def audit_failed_sign_in(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the user name is read.
    record_sign_in_event(
        SignInEventKind.FAILED, request=request, username=str(credentials.get("username") or "")
    )


@receiver(user_locked_out, dispatch_uid="accounts.audit.locked_out")
def audit_locked_out(sender, request, username, **kwargs):
    # `username` is django-axes' hashed key; the name typed is in the credentials it kept.
    credentials = getattr(request, "axes_credentials", None) or {}
    record_lockout(request, str(credentials.get("username") or ""))


@receiver(otp_verification_failed, dispatch_uid="accounts.audit.second_factor_failed")
def audit_second_factor_failed(sender, user, **kwargs):
    record_sign_in_event(SignInEventKind.SECOND_FACTOR_FAILED, user=user)


@receiver(pre_save, sender=TOTPDevice, dispatch_uid="accounts.audit.device_before_save")
def remember_device_was_confirmed(sender, instance, **kwargs):
    instance._was_confirmed = bool(
        instance.pk and sender.objects.filter(pk=instance.pk, confirmed=True).exists()
    )


@receiver(post_save, sender=TOTPDevice, dispatch_uid="accounts.audit.device_enrolled")
def audit_device_enrolled(sender, instance, **kwargs):
    # wagtail-2fa saves an unconfirmed device when the enrolment page opens and confirms it once
    # the user has typed a valid code: only that confirmation is an enrolment.
    if instance.confirmed and not getattr(instance, "_was_confirmed", False):
        record_sign_in_event(SignInEventKind.DEVICE_ENROLLED, user=instance.user)


@receiver(post_delete, sender=TOTPDevice, dispatch_uid="accounts.audit.device_removed")
def audit_device_removed(sender, instance, **kwargs):
    if instance.confirmed:
        # The account is named, not linked: this runs too when the account itself is being
        # deleted, and a new row pointing at it would stop that deletion.
        SignInEvent.objects.create(
            kind=SignInEventKind.DEVICE_REMOVED, username=instance.user.get_username()
        )
