from django.urls import path

from . import views

app_name = "thuiszitters"

urlpatterns = [
    path("", views.index, name="index"),
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
