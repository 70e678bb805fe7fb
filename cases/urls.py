from django.urls import path

from . import views, views_casus

app_name = "cases"

urlpatterns = [
    path("", views_casus.index, name="index"),
    path("leerlingen/", views.leerling_list, name="leerling_list"),
    path("leerlingen/<int:pk>/", views.leerling_detail, name="leerling_detail"),
    # --- issue 10, part leerlingen (ouders, inschrijvingen, zoeken) ---
    # --- issue 10, part casussen (aanmelding, queue, detail, status) ---
    path("aanmelden/", views_casus.aanmelding_nieuw, name="aanmelding_nieuw"),
    path("overzicht/", views_casus.casus_overzicht, name="casus_overzicht"),
    path("<int:pk>/", views_casus.casus_detail, name="casus_detail"),
    path("<int:pk>/wijzigen/", views_casus.casus_wijzigen, name="casus_wijzigen"),
    path("<int:pk>/status/", views_casus.casus_status, name="casus_status"),
    path("<int:pk>/regisseur/", views_casus.casus_regisseur, name="casus_regisseur"),
    # --- issue 10, part team (ondersteuningsteam, toestemming, betrokkenen, tijdlijn) ---
    # --- issue 10, part plan (plan versions, acties, evaluaties, taken) ---
]
