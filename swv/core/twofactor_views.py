"""Pages for the second login step: verify, set up (QR code) and recovery codes."""

from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
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
def verifieren(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not twofactor.heeft_apparaat(request.user):
        return redirect("tweestaps_instellen")
    form = CodeForm(request.POST or None)
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
            return redirect(_next_url(request))
        form.add_error(
            "code", _("Deze code klopt niet of is al gebruikt. Probeer de nieuwe code uit uw app.")
        )
    return render(request, "core/tweestaps_verifieren.html", {"form": form, "next": _next_url(request)})


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@never_cache
@sensitive_post_parameters("code")
@login_required
def instellen(request: HttpRequest) -> HttpResponse:
    # Replacing an existing authenticator needs the current second factor first.
    if twofactor.heeft_apparaat(request.user) and not request.user.is_verified():
        return redirect("tweestaps_verifieren")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        try:
            codes = twofactor.totp_bevestigen(
                user=request.user, device=device, token=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            form.add_error("code", exc.messages[0])
        else:
            device.refresh_from_db()
            otp_login(request, device)
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


@never_cache
@login_required
def herstelcodes(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        codes = twofactor.herstelcodes_vernieuwen(user=request.user)
        return render(request, "core/tweestaps_herstelcodes.html", {"codes": codes, "next": "/"})
    return render(request, "core/tweestaps_herstelcodes_vernieuwen.html")
