from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


@login_required
@permission_required("partners.module", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    # The module's own pages follow in the issue that builds it; this page tells the user so.
    return render(
        request,
        "core/module.html",
        {
            "title": _("Ketenpartners"),
            "beschrijving": _(
                "Het register van ketenpartners, sleutelfiguren per niveau, afspraken en het dekkend netwerk van voorzieningen."
            ),
        },
    )
