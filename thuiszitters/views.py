"""The module's landing page (issue 12): per role what it can do here, with its counts. The pages themselves
are in views_<part>.py."""

import datetime

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from swv.core.acting import lidmaatschap_van
from swv.core.models import SCHOOL_ROLLEN, SWV_ROLLEN, Rol

from .models import Absentie
from .selectors_paginas import melding_tellingen


@login_required
@permission_required("thuiszitters.module", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    lidmaatschap = lidmaatschap_van(request.user)
    rol = lidmaatschap.rol if lidmaatschap else ""
    context = {
        "tellingen": melding_tellingen(request.user),
        "is_school": rol in SCHOOL_ROLLEN,
        "is_leerplicht": rol == Rol.LEERPLICHTAMBTENAAR,
        "is_swv": rol in SWV_ROLLEN,
    }
    if rol in SCHOOL_ROLLEN:
        # Rows, not pupils: a quick sign that the school's absence comes in.
        sinds = timezone.localdate() - datetime.timedelta(days=28)
        context["absentie_recent"] = (
            Absentie.objects.visible_to(request.user).filter(datum__gte=sinds).count()
        )
    return render(request, "thuiszitters/paginas_index.html", context)
