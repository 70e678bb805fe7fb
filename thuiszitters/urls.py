from django.urls import path

from . import views

app_name = "thuiszitters"

urlpatterns = [
    path("", views.index, name="index"),
]

# --- issue 12, part signalen ---
from . import views_signaal  # noqa: E402 - the append-only block of this part

urlpatterns += [
    path("signalen/", views_signaal.signaal_lijst, name="signaal_lijst"),
    path("signalen/<int:pk>/", views_signaal.signaal_detail, name="signaal_detail"),
]

# --- issue 12, part thuiszitter: registrations ---
from . import views_thuiszitter  # noqa: E402

urlpatterns += [
    path("registraties/", views_thuiszitter.thuiszitter_list, name="thuiszitter_list"),
    path("registraties/nieuw/", views_thuiszitter.thuiszitter_nieuw, name="thuiszitter_nieuw"),
    path("registraties/<int:pk>/", views_thuiszitter.thuiszitter_detail, name="thuiszitter_detail"),
    path(
        "registraties/<int:pk>/bijwerken/",
        views_thuiszitter.thuiszitter_bijwerken,
        name="thuiszitter_bijwerken",
    ),
    path(
        "registraties/<int:pk>/beeindigen/",
        views_thuiszitter.thuiszitter_beeindigen,
        name="thuiszitter_beeindigen",
    ),
]

# --- issue 12, part paginas: verzuimmeldingen and absence ---
from . import views_paginas  # noqa: E402

urlpatterns += [
    path("meldingen/", views_paginas.meldingen, name="meldingen"),
    path("meldingen/nieuw/", views_paginas.melding_nieuw, name="melding_nieuw"),
    path("meldingen/<int:pk>/", views_paginas.melding_detail, name="melding_detail"),
    path("meldingen/<int:pk>/intrekken/", views_paginas.melding_intrekken, name="melding_intrekken"),
    path("meldingen/<int:pk>/behandelen/", views_paginas.melding_behandelen, name="melding_behandelen"),
    path("meldingen/<int:pk>/acties/", views_paginas.melding_acties, name="melding_acties"),
    path("absentie/", views_paginas.absentie, name="absentie"),
    path("absentie/uploaden/", views_paginas.absentie_uploaden, name="absentie_uploaden"),
]

# --- Verzuimmonitor (issue 12 "Monitor"; thuiszitters/views_monitor.py) ---
from . import views_monitor  # noqa: E402

urlpatterns += [
    path("monitor/", views_monitor.monitor_pagina, name="monitor"),
    path("monitor/export/", views_monitor.monitor_export, name="monitor_export"),
]
