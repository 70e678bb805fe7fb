"""Two-factor login: TOTP (django-otp) with single-use recovery codes.

Required for every account that can reach pupil data: everyone with an active membership in a role
other than bestuurder (aggregates only), and every staff account (the admin). Until such a user has
verified a second factor in this session, every page sends them to verify (or to set up a device first);
the API answers 403.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Lidmaatschap, Rol, TweestapsKoppeling

logger = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator-app"
RECOVERY_DEVICE_NAME = "herstelcodes"

# Pages a user who still has to pass the second step may open.
EXEMPT_URL_NAMES = frozenset(
    {
        "login",
        "logout",
        "health",
        "tweestaps_verifieren",
        "tweestaps_instellen",
        "tweestaps_koppelen",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
    }
)


def vereist_tweestaps(user, lidmaatschappen: list[Lidmaatschap] | None = None) -> bool:
    """Whether this account can reach pupil data, and so must use a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    if lidmaatschappen is None:
        lidmaatschappen = list(Lidmaatschap.objects.filter(user=user, actief=True))
    return any(lm.rol != Rol.BESTUURDER for lm in lidmaatschappen)


def heeft_apparaat(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def geblokkeerd_tot(user) -> datetime | None:
    """Until when django-otp refuses every code of this account, or None when some code can work.

    Each wrong code doubles the wait of each device (1, 2, 4, ... seconds); during it even the right code
    fails. Only when every device (app and recovery codes) waits is the person blocked; the latest end
    is given, so nobody is told to try again too early.
    """
    eindes: list[datetime] = []
    for device in devices_for_user(user, confirmed=True):
        allowed, data = device.verify_is_allowed()
        if allowed:
            return None
        einde = (data or {}).get("locked_until")
        if einde is None:  # refused for another reason than the wait: no end to give
            return None
        eindes.append(einde)
    return max(eindes) if eindes else None


def base32_secret(device: TOTPDevice) -> str:
    """The secret as authenticator apps want it typed in (base32, no padding)."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def provisioning_uri(device: TOTPDevice) -> str:
    return device.config_url


# --- services -----------------------------------------------------------------------------------
@transaction.atomic
def totp_start(*, user) -> TOTPDevice:
    """Begin enrolment: a fresh unconfirmed device (earlier unconfirmed attempts are discarded)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    device.full_clean()
    device.save()
    return device


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def koppellink_uitgeven(*, user, by) -> str:
    """Issue a one-time enrolment token for `user`; earlier unused ones stop working. Returns the token.

    The plaintext exists only in the return value (for the e-mail, or to show once); the row keeps its
    hash. Use `koppellink_pad` for the URL.
    """
    TweestapsKoppeling.objects.filter(user=user, gebruikt_op__isnull=True).delete()
    token = secrets.token_urlsafe(32)
    koppeling = TweestapsKoppeling(
        user=user,
        token_hash=_token_hash(token),
        aangemaakt_door=by if getattr(by, "is_authenticated", False) else None,
        verloopt_op=timezone.now() + timedelta(hours=settings.TWEESTAPS_KOPPELLINK_UREN),
    )
    koppeling.full_clean()
    koppeling.save()
    logger.info("koppellink uitgegeven", extra={"user_id": user.pk, "door": getattr(by, "pk", None)})
    return token


def koppellink_pad(token: str) -> str:
    # In the query string, not the path: the access logs and the app's request log leave queries out.
    return f"{reverse('tweestaps_koppelen')}?{urlencode({'token': token})}"


def koppellink_vinden(*, user, token: str) -> TweestapsKoppeling | None:
    """The usable link of `user` with this token, or None (unknown, someone else's, used or expired)."""
    koppeling = TweestapsKoppeling.objects.filter(user=user, token_hash=_token_hash(token)).first()
    return koppeling if koppeling is not None and koppeling.is_bruikbaar() else None


def koppellink_mailen(*, user, by, request: HttpRequest) -> None:
    """Issue a link and e-mail it to the account's own address (which must be set)."""
    token = koppellink_uitgeven(user=user, by=by)
    context = {
        "user": user,
        "link": request.build_absolute_uri(koppellink_pad(token)),
        "uren": settings.TWEESTAPS_KOPPELLINK_UREN,
    }
    onderwerp = " ".join(render_to_string("emails/tweestaps_koppellink_onderwerp.txt", context).split())
    send_mail(onderwerp, render_to_string("emails/tweestaps_koppellink.txt", context), None, [user.email])


@transaction.atomic
def totp_bevestigen(
    *, user, device: TOTPDevice, token: str, koppeling: TweestapsKoppeling | None = None
) -> list[str]:
    """Confirm enrolment with a first code; returns new recovery codes (shown once).

    A first authenticator needs a usable one-time link (`koppeling`), which is used up here; replacing
    one needs none (the view requires the current second factor instead).
    """
    if device.user_id != user.pk or device.confirmed:
        raise ValidationError(_("Dit apparaat hoort niet bij deze koppeling. Begin opnieuw."))
    if not heeft_apparaat(user):
        koppeling = (
            TweestapsKoppeling.objects.select_for_update().filter(pk=koppeling.pk, user=user).first()
            if koppeling is not None
            else None
        )
        if koppeling is None or not koppeling.is_bruikbaar():
            raise ValidationError(
                _("Deze koppellink is verlopen of al gebruikt. Vraag een nieuwe koppellink aan.")
            )
        koppeling.gebruikt_op = timezone.now()
        koppeling.save(update_fields=["gebruikt_op"])
    if not device.verify_token(token.strip()):
        raise ValidationError(
            _("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer de nieuwe code.")
        )
    # One authenticator per account: a new one replaces the old one.
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    logger.info("tweestapsverificatie ingesteld", extra={"user_id": user.pk})
    return herstelcodes_vernieuwen(user=user)


@transaction.atomic
def herstelcodes_vernieuwen(*, user) -> list[str]:
    """Replace all recovery codes with new ones; the old ones stop working at once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def tweestaps_resetten(*, user, by) -> int:
    """A beheerder removes every second factor of an account and ends its sessions.

    The person enrols a new app through a one-time link (`koppellink_uitgeven` / `koppellink_mailen`).
    """
    from .sessions import sessies_beeindigen

    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    # Whoever holds the lost phone may hold an open session too: end them all.
    sessies_beeindigen(user_id=user.pk, reden="tweestaps_reset")
    logger.info("tweestapsverificatie gereset", extra={"user_id": user.pk, "door": getattr(by, "pk", None)})
    return removed


# --- enforcement --------------------------------------------------------------------------------
class TwoFactorRequiredMiddleware:
    """Send users who still owe a second factor to verify or set it up; the API answers 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        if request.path.startswith("/static/") or self._is_exempt(request.path):
            return self.get_response(request)
        # Resolving the acting membership fills request.alle_lidmaatschappen (no extra query later).
        bool(getattr(request, "lidmaatschap", None))
        if not vereist_tweestaps(user, getattr(request, "alle_lidmaatschappen", None)):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            from .api.exceptions import problem_response

            return problem_response(request, 403, _("Tweestapsverificatie is vereist voor dit account."))
        target = "tweestaps_verifieren" if heeft_apparaat(user) else "tweestaps_instellen"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def _is_exempt(path: str) -> bool:
        try:
            match = resolve(path)
        except Resolver404:
            return False
        return match.url_name in EXEMPT_URL_NAMES
