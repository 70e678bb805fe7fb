from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("leerlingen/", views.leerling_list, name="leerling_list"),
    path("leerlingen/<int:pk>/", views.leerling_detail, name="leerling_detail"),
    # --- issue 10, part leerlingen (ouders, inschrijvingen, zoeken) ---
    # --- issue 10, part casussen (aanmelding, queue, detail, status) ---
    # --- issue 10, part team (ondersteuningsteam, toestemming, betrokkenen, tijdlijn) ---
    # --- issue 10, part plan (plan versions, acties, evaluaties, taken) ---
]
