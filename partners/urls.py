from django.urls import path

from . import views, views_import

app_name = "partners"

urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views_import.duo_import, name="import"),
    path("import/<int:pk>/", views_import.duo_import_status, name="import_status"),
    path("nieuw/", views.organisatie_toevoegen, name="organisatie_toevoegen"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/wijzigen/", views.organisatie_wijzigen, name="organisatie_wijzigen"),
    path("<int:pk>/sleutelfiguren/nieuw/", views.sleutelfiguur_toevoegen, name="sleutelfiguur_toevoegen"),
    path("sleutelfiguren/<int:pk>/wijzigen/", views.sleutelfiguur_wijzigen, name="sleutelfiguur_wijzigen"),
    path("sleutelfiguren/<int:pk>/verhuizen/", views.sleutelfiguur_verhuizen, name="sleutelfiguur_verhuizen"),
    path(
        "sleutelfiguren/<int:pk>/beeindigen/", views.sleutelfiguur_beeindigen, name="sleutelfiguur_beeindigen"
    ),
    path("routekaart/", views.routekaart, name="routekaart"),
    path("netwerk/", views.netwerk, name="netwerk"),
    path("dekkend-netwerk/", views.dekkend_netwerk, name="dekkend_netwerk"),
    path("afspraken/", views.afspraken, name="afspraken"),
    path("afspraken/nieuw/", views.afspraak_nieuw, name="afspraak_nieuw"),
    path("afspraken/<int:pk>/wijzigen/", views.afspraak_wijzigen, name="afspraak_wijzigen"),
    path("afspraken/<int:pk>/document/", views.afspraak_document, name="afspraak_document"),
    path("voorzieningen/nieuw/", views.voorziening_nieuw, name="voorziening_nieuw"),
    path("voorzieningen/<int:pk>/wijzigen/", views.voorziening_wijzigen, name="voorziening_wijzigen"),
]

# The people page (issue 9): its own module, so the registry's views stay one concern each.
from . import views_personen  # noqa: E402

urlpatterns += [
    path("personen/", views_personen.personen, name="personen"),
]

# Export and print of four lists (issue 9): their own module and URLs, so the pages stay as they are.
from . import views_export  # noqa: E402

urlpatterns += [
    path("export/organisaties/", views_export.organisaties_export, name="organisaties_export"),
    path("export/personen/", views_export.personen_export, name="personen_export"),
    path("export/routekaart/", views_export.routekaart_export, name="routekaart_export"),
    path("export/dekkend-netwerk/", views_export.dekkend_netwerk_export, name="dekkend_netwerk_export"),
]
