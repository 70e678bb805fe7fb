"""Pages for the second login step: verify, set up (QR code) and recovery codes."""

from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import twofactor
from .acting import eerst_kiezen
from .http import AuthenticatedHttpRequest
from .models import TweestapsKoppeling


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_l("Code"),
        max_length=20,
        help_text=_l("De 6 cijfers uit uw authenticator-app, of een van uw herstelcodes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "class": "utrecht-textbox"}
        ),
    )


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}, require_https=False):
        return candidate
    return "/"


@never_cache
@sensitive_post_parameters("code")
@login_required
def verifieren(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not twofactor.heeft_apparaat(request.user):
        return redirect("tweestaps_instellen")
    form = CodeForm(request.POST or None)
    # The code is the only thing to type here: a keyboard user starts in the field (not on the
    # setup page, where the QR code and its explanation come first).
    form.fields["code"].widget.attrs["autofocus"] = True
    if request.method == "POST" and form.is_valid():
        # Checked before the code: while django-otp throttles, even the right code is refused, and
        # "klopt niet" would send the person looking for a mistake they did not make.
        geblokkeerd_tot = twofactor.geblokkeerd_tot(request.user)
        if geblokkeerd_tot is not None:
            form.add_error(
                "code",
                _(
                    "U heeft te vaak een onjuiste code ingevuld. Inloggen met een code is geblokkeerd "
                    "tot %(tijd)s; probeer het daarna opnieuw."
                )
                % {"tijd": timezone.localtime(geblokkeerd_tot).strftime("%H:%M:%S")},
            )
            return render(
                request, "core/tweestaps_verifieren.html", {"form": form, "next": _next_url(request)}
            )
        device = match_token(request.user, form.cleaned_data["code"].strip().replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            # A new session id at the second step as at the first: an id seen or planted before the
            # code was typed must not become a fully logged-in session.
            request.session.cycle_key()
            if device.name == twofactor.RECOVERY_DEVICE_NAME:
                left = device.token_set.count()
                messages.warning(
                    request,
                    _("U logde in met een herstelcode. U heeft er nog %(aantal)d over.") % {"aantal": left},
                )
            # Someone with several memberships chooses now, whatever address they came for.
            return redirect(eerst_kiezen(request, _next_url(request)))
        form.add_error(
            "code", _("Deze code klopt niet of is al gebruikt. Probeer de nieuwe code uit uw app.")
        )
    return render(request, "core/tweestaps_verifieren.html", {"form": form, "next": _next_url(request)})


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


# The enrolment link a person opened in this session (a `TweestapsKoppeling` pk).
KOPPELING_SESSION_KEY = "tweestaps_koppeling"


def _koppeling_uit_sessie(request: AuthenticatedHttpRequest) -> TweestapsKoppeling | None:
    pk = request.session.get(KOPPELING_SESSION_KEY)
    if pk is None:
        return None
    koppeling = TweestapsKoppeling.objects.filter(pk=pk, user=request.user).first()
    return koppeling if koppeling is not None and koppeling.is_bruikbaar() else None


def _verborgen_adres(email: str) -> str:
    naam, _at, domein = email.partition("@")
    return f"{naam[:1]}…@{domein}"


@never_cache
@login_required
def koppelen(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The one-time link from the beheerder or the e-mail: it allows setting up a first authenticator app."""
    koppeling = twofactor.koppellink_vinden(user=request.user, token=request.GET.get("token", "")[:100])
    if koppeling is None:
        return render(request, "core/tweestaps_koppellink.html", {"ongeldig": True})
    request.session[KOPPELING_SESSION_KEY] = koppeling.pk
    # Off the address with the token in it, so it is not in the history or a Referer from here on.
    return redirect("tweestaps_instellen")


def _koppellink_nodig(request: AuthenticatedHttpRequest) -> HttpResponse:
    """No app yet and no enrolment link: a password alone may not attach an app to this account."""
    email = request.user.email
    if request.method == "POST" and "koppellink_mailen" in request.POST and email:
        twofactor.koppellink_mailen(user=request.user, by=request.user, request=request)
        messages.success(
            request,
            _("We hebben een koppellink gestuurd naar %(adres)s. Open de link om uw app te koppelen.")
            % {"adres": _verborgen_adres(email)},
        )
        return redirect("tweestaps_instellen")
    return render(
        request,
        "core/tweestaps_koppellink.html",
        {"ongeldig": False, "adres": _verborgen_adres(email) if email else ""},
    )


@never_cache
@sensitive_post_parameters("code")
@login_required
def instellen(request: AuthenticatedHttpRequest) -> HttpResponse:
    # Replacing an existing authenticator needs the current second factor first.
    if twofactor.heeft_apparaat(request.user) and not request.user.is_verified():
        return redirect("tweestaps_verifieren")
    koppeling = None
    if not twofactor.heeft_apparaat(request.user):
        # A first app (new account, or after a reset) needs the one-time link.
        koppeling = _koppeling_uit_sessie(request)
        if koppeling is None:
            return _koppellink_nodig(request)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        try:
            codes = twofactor.totp_bevestigen(
                user=request.user, device=device, token=form.cleaned_data["code"], koppeling=koppeling
            )
        except ValidationError as exc:
            form.add_error("code", exc.messages[0])
        else:
            request.session.pop(KOPPELING_SESSION_KEY, None)
            device.refresh_from_db()
            otp_login(request, device)
            request.session.cycle_key()
            return render(
                request, "core/tweestaps_herstelcodes.html", {"codes": codes, "next": _next_url(request)}
            )
    if device is None:
        device = twofactor.totp_start(user=request.user)
    context = {
        "form": form,
        "qr": mark_safe(_qr_svg(twofactor.provisioning_uri(device))),  # noqa: S308 - SVG we generated
        "secret": twofactor.base32_secret(device),
        "next": _next_url(request),
    }
    return render(request, "core/tweestaps_instellen.html", context)


class WachtwoordForm(forms.Form):
    password = forms.CharField(
        label=_l("Uw wachtwoord"),
        strip=False,
        help_text=_l("Ter bevestiging: alleen u mag nieuwe herstelcodes maken."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "utrecht-textbox"}),
    )


@never_cache
@sensitive_post_parameters("password")
@login_required
def herstelcodes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """New recovery codes, after the password once more: a session left open is not enough."""
    form = WachtwoordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # Through authenticate(), so wrong passwords count towards the lockout (django-axes) as at login.
        user = authenticate(
            request, username=request.user.get_username(), password=form.cleaned_data["password"]
        )
        if user is not None and user.pk == request.user.pk:
            codes = twofactor.herstelcodes_vernieuwen(user=request.user)
            return render(request, "core/tweestaps_herstelcodes.html", {"codes": codes, "next": "/"})
        form.add_error("password", _("Dit wachtwoord klopt niet."))
    return render(request, "core/tweestaps_herstelcodes_vernieuwen.html", {"form": form})
