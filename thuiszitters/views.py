from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


@login_required
@permission_required("thuiszitters.module", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    # The module's own pages follow in the issue that builds it; this page tells the user so.
    return render(
        request,
        "core/module.html",
        {
            "title": _("Verzuim en thuiszitters"),
            "beschrijving": _(
                "Verzuimmeldingen, thuiszitters en de signalen uit de periodieke controles (16 uur in 4 weken, 4 weken thuis, 3 maanden zonder aanbod)."
            ),
        },
    )
