from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from swv.core import twofactor_views
from swv.core import views as core_views

admin.site.site_header = _("Ketenregie beheer")
admin.site.site_title = _("Ketenregie beheer")
admin.site.index_title = _("Functioneel beheer")

urlpatterns = [
    path("", core_views.start, name="start"),
    path("health", core_views.health, name="health"),
    path("tweestapsverificatie/", twofactor_views.verifieren, name="tweestaps_verifieren"),
    path("tweestapsverificatie/instellen/", twofactor_views.instellen, name="tweestaps_instellen"),
    path("tweestapsverificatie/koppelen/", twofactor_views.koppelen, name="tweestaps_koppelen"),
    path("tweestapsverificatie/herstelcodes/", twofactor_views.herstelcodes, name="tweestaps_herstelcodes"),
    path("uitnodigingen/", core_views.uitnodigingen, name="uitnodigingen"),
    path("rol-kiezen/", core_views.kies_lidmaatschap, name="kies_lidmaatschap"),
    path("inloggen/", core_views.InloggenView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord-vergeten/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("partners/", include("partners.urls")),
    path("casussen/", include("cases.urls")),
    path("thuiszitters/", include("thuiszitters.urls")),
    path("oogo/", include("oogo.urls")),
    path("audit/", include("swv.audit.urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("swv.api_urls")),
]

handler400 = "swv.core.views.bad_request"
handler403 = "swv.core.views.permission_denied"
handler404 = "swv.core.views.page_not_found"
handler500 = "swv.core.views.server_error"
