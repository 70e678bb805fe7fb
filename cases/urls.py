from django.urls import path

from . import views, views_leerling

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("leerlingen/", views.leerling_list, name="leerling_list"),
    path("leerlingen/<int:pk>/", views.leerling_detail, name="leerling_detail"),
    # --- issue 10, part leerlingen (ouders, inschrijvingen, zoeken) ---
    path(
        "leerlingen/<int:pk>/inschrijvingen/nieuw/",
        views_leerling.inschrijving_nieuw,
        name="inschrijving_nieuw",
    ),
    path(
        "inschrijvingen/<int:pk>/beeindigen/",
        views_leerling.inschrijving_beeindigen,
        name="inschrijving_beeindigen",
    ),
    path("leerlingen/<int:pk>/ouders/nieuw/", views_leerling.ouder_nieuw, name="ouder_nieuw"),
    path("ouders/<int:pk>/wijzigen/", views_leerling.ouder_wijzigen, name="ouder_wijzigen"),
    path("ouders/<int:pk>/verwijderen/", views_leerling.ouder_verwijderen, name="ouder_verwijderen"),
    # POST only carries the number; the URL names the pupil by id.
    path("leerlingen/<int:pk>/bsn/", views_leerling.bsn_vastleggen, name="bsn_vastleggen"),
    # --- issue 10, part casussen (aanmelding, queue, detail, status) ---
    # --- issue 10, part team (ondersteuningsteam, toestemming, betrokkenen, tijdlijn) ---
    # --- issue 10, part plan (plan versions, acties, evaluaties, taken) ---
]
