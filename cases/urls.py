from django.urls import path

from . import views, views_team

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("leerlingen/", views.leerling_list, name="leerling_list"),
    path("leerlingen/<int:pk>/", views.leerling_detail, name="leerling_detail"),
    # --- issue 10, part leerlingen (ouders, inschrijvingen, zoeken) ---
    # --- issue 10, part casussen (aanmelding, queue, detail, status) ---
    # --- issue 10, part team (ondersteuningsteam, toestemming, betrokkenen, tijdlijn) ---
    path("mijn/", views_team.mijn_casussen, name="mijn_casussen"),
    path("<int:pk>/team/", views_team.team, name="team"),
    path("<int:pk>/team/lid-toevoegen/", views_team.lid_toevoegen, name="team_lid_toevoegen"),
    path(
        "<int:pk>/team/toestemming-vastleggen/",
        views_team.toestemming_vastleggen,
        name="team_toestemming_vastleggen",
    ),
    path("team/leden/<int:pk>/beeindigen/", views_team.lid_beeindigen, name="team_lid_beeindigen"),
    path(
        "team/toestemmingen/<int:pk>/intrekken/",
        views_team.toestemming_intrekken,
        name="team_toestemming_intrekken",
    ),
    path("<int:pk>/betrokkenen/", views_team.betrokkenen, name="betrokkenen"),
    path("<int:pk>/tijdlijn/", views_team.tijdlijn, name="tijdlijn"),
    # --- issue 10, part plan (plan versions, acties, evaluaties, taken) ---
]
