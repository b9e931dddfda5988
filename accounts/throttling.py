"""How django-axes names a sign-in attempt: the user name as a keyed hash, so its table of
attempts never holds what was typed (people sometimes type their password into that field)."""

from django.contrib.auth import get_user_model
from django.utils.crypto import salted_hmac


def lockout_username_key(request, credentials=None) -> str | None:
    """AXES_USERNAME_CALLABLE: a keyed (HMAC-SHA256, from SECRET_KEY) hash of the user name typed,
    or None when none was."""
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "data", request.POST).get("username")
    if not username:
        return None
    return salted_hmac("accounts.lockout-username", str(username), algorithm="sha256").hexdigest()


def usernames_by_lockout_key() -> dict[str, str]:
    """Existing accounts' names by their lockout key, to name a locked account to a superuser."""
    user_model = get_user_model()
    names = user_model._default_manager.values_list(user_model.USERNAME_FIELD, flat=True)
    return {lockout_username_key(None, {"username": name}): name for name in names}
