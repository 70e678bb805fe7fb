from django.urls import path

from . import views, views_beheer, views_kalender

app_name = "oogo"

urlpatterns = [
    path("", views.index, name="index"),
    # --- issue 13: meetings, agenda, decisions, actions ---
    path("nieuw/", views.overleg_nieuw, name="overleg_nieuw"),
    path("<int:pk>/", views.overleg, name="overleg"),
    path("<int:pk>/agendapunten/", views.agendapunt_toevoegen, name="agendapunt_toevoegen"),
    path("<int:pk>/besluiten/", views.besluit_toevoegen, name="besluit_toevoegen"),
    path("<int:pk>/actiepunten/", views.actiepunt_toevoegen, name="actiepunt_toevoegen"),
    path("<int:pk>/status/", views.overleg_status, name="overleg_status"),
    path("agendapunten/<int:pk>/", views.agendapunt, name="agendapunt"),
    path("agendapunten/<int:pk>/uitkomst/", views.agendapunt_uitkomst, name="agendapunt_uitkomst"),
    path("actiepunten/", views.actiepunten, name="actiepunten"),
    path("actiepunten/<int:pk>/", views.actiepunt, name="actiepunt"),
    path("actiepunten/<int:pk>/status/", views.actiepunt_status, name="actiepunt_status"),
    # --- part oogo-ics ---
    path("<int:pk>/agenda.ics", views_kalender.overleg_ics, name="overleg_ics"),
    path("kalender/", views_kalender.kalender_pagina, name="kalender"),
    # The token is the key: no session (a calendar app cannot log in); masked in every log line.
    path("kalender/<token>.ics", views_kalender.kalender_feed, name="kalender_feed"),
]

# --- part oogo-pdf ---
from . import views_documenten  # noqa: E402

urlpatterns += [
    path("<int:pk>/agenda.pdf", views_documenten.agenda_pdf, name="agenda_pdf"),
    path("<int:pk>/notulen.pdf", views_documenten.notulen_pdf, name="notulen_pdf"),
    path("<int:pk>/notulen/versturen/", views_documenten.notulen_versturen, name="notulen_versturen"),
    path("actiepunten/export.csv", views_documenten.actiepunten_csv, name="actiepunten_csv"),
    path("actiepunten/export.xlsx", views_documenten.actiepunten_xlsx, name="actiepunten_xlsx"),
]

# --- part oogo-cijfers ---
from . import views_datapakket  # noqa: E402

urlpatterns += [
    path("<int:pk>/cijfers/", views_datapakket.datapakket, name="datapakket"),
]

# --- part oogo-paginas ---
urlpatterns += [
    path("<int:pk>/bewerken/", views_beheer.overleg_bewerken, name="overleg_bewerken"),
    path("<int:pk>/aanwezigheid/", views_beheer.aanwezigheid, name="aanwezigheid"),
    path("ontwikkelagenda/", views_beheer.ontwikkelagenda, name="ontwikkelagenda"),
    path("ontwikkelagenda/nieuw/", views_beheer.ontwikkeldoel_nieuw, name="ontwikkeldoel_nieuw"),
    path("ontwikkelagenda/<int:pk>/", views_beheer.ontwikkeldoel, name="ontwikkeldoel"),
    path("ontwikkelagenda/<int:pk>/voortgang/", views_beheer.voortgang_toevoegen, name="voortgang_toevoegen"),
    path("ondersteuningsplan/", views_beheer.ondersteuningsplannen, name="ondersteuningsplannen"),
    path("ondersteuningsplan/nieuw/", views_beheer.ondersteuningsplan_nieuw, name="ondersteuningsplan_nieuw"),
    path("ondersteuningsplan/<int:pk>/", views_beheer.ondersteuningsplan, name="ondersteuningsplan"),
    path(
        "ondersteuningsplan/<int:pk>/oogo/",
        views_beheer.ondersteuningsplan_oogo,
        name="ondersteuningsplan_oogo",
    ),
    path(
        "ondersteuningsplan/<int:pk>/vaststellen/",
        views_beheer.ondersteuningsplan_vaststellen,
        name="ondersteuningsplan_vaststellen",
    ),
    path(
        "ondersteuningsplan/<int:pk>/inspectie/",
        views_beheer.ondersteuningsplan_inspectie,
        name="ondersteuningsplan_inspectie",
    ),
    path("geschillen/", views_beheer.geschillen, name="geschillen"),
    path("geschillen/<int:pk>/", views_beheer.geschil, name="geschil"),
    path("geschillen/<int:pk>/bijwerken/", views_beheer.geschil_bijwerken, name="geschil_bijwerken"),
    path("agendapunten/<int:pk>/geschil/", views_beheer.geschil_voorleggen, name="geschil_voorleggen"),
]

# --- part oogo-documenten ---
from . import views_agendapunt_documenten  # noqa: E402

urlpatterns += [
    path(
        "agendapunten/<int:pk>/documenten/",
        views_agendapunt_documenten.document_toevoegen,
        name="document_toevoegen",
    ),
    path("documenten/<int:pk>/", views_agendapunt_documenten.document, name="document"),
    path(
        "documenten/<int:pk>/verwijderen/",
        views_agendapunt_documenten.document_verwijderen,
        name="document_verwijderen",
    ),
]

# --- part oogo-afwerking ---
urlpatterns += [
    path(
        "<int:pk>/cijfers/vastleggen/", views_datapakket.datapakket_vastleggen, name="datapakket_vastleggen"
    ),
]
