from django.urls import path

from . import views, views_casus, views_leerling, views_plan, views_team

app_name = "cases"

urlpatterns = [
    path("", views_casus.index, name="index"),
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
    path("aanmelden/", views_casus.aanmelding_nieuw, name="aanmelding_nieuw"),
    path("overzicht/", views_casus.casus_overzicht, name="casus_overzicht"),
    path("<int:pk>/", views_casus.casus_detail, name="casus_detail"),
    path("<int:pk>/wijzigen/", views_casus.casus_wijzigen, name="casus_wijzigen"),
    path("<int:pk>/status/", views_casus.casus_status, name="casus_status"),
    path("<int:pk>/regisseur/", views_casus.casus_regisseur, name="casus_regisseur"),
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
    path("<int:pk>/plan/", views_plan.plan, name="plan"),
    path("<int:pk>/plan/concept/", views_plan.plan_concept, name="plan_concept"),
    path("<int:pk>/plan/nieuw/", views_plan.plan_nieuw, name="plan_nieuw"),
    path("<int:pk>/plan/vaststellen/", views_plan.plan_vaststellen, name="plan_vaststellen"),
    path("<int:pk>/plan/instemming/", views_plan.plan_instemming, name="plan_instemming"),
    path("<int:pk>/plan/vergelijken/", views_plan.plan_vergelijken, name="plan_vergelijken"),
    path("<int:pk>/plan/pdf/", views_plan.plan_pdf, name="plan_pdf"),
    path("<int:pk>/acties/", views_plan.acties, name="acties"),
    path("acties/<int:pk>/", views_plan.actie_wijzigen, name="actie_wijzigen"),
    path("<int:pk>/evaluaties/", views_plan.evaluaties, name="evaluaties"),
    path("taken/", views_plan.mijn_taken, name="taken"),
]

# --- issue 11, part arrangementen en documenten ---
from . import views_arrangement, views_document  # noqa: E402

urlpatterns += [
    path("<int:pk>/arrangementen/", views_arrangement.arrangementen, name="arrangementen"),
    path("<int:pk>/arrangementen/nieuw/", views_arrangement.arrangement_nieuw, name="arrangement_nieuw"),
    path("arrangementen/<int:pk>/status/", views_arrangement.arrangement_status, name="arrangement_status"),
    path("<int:pk>/documenten/", views_document.documenten, name="documenten"),
    path("<int:pk>/documenten/nieuw/", views_document.document_nieuw, name="document_nieuw"),
    path("documenten/<int:pk>/download/", views_document.document_download, name="document_download"),
    path("documenten/<int:pk>/vervangen/", views_document.document_vervangen, name="document_vervangen"),
    path(
        "documenten/<int:pk>/verwijderen/", views_document.document_verwijderen, name="document_verwijderen"
    ),
]

# --- issue 11, part TLV (request, advices, decision, letter, check by BSN) ---
from . import views_tlv  # noqa: E402 - the append-only block of this part

urlpatterns += [
    path("tlv/", views_tlv.tlv_lijst, name="tlv_lijst"),
    path("tlv/controleren/", views_tlv.tlv_controleren, name="tlv_controleren"),
    path("<int:pk>/tlv/aanvragen/", views_tlv.tlv_aanvragen, name="tlv_aanvragen"),
    path("tlv/<int:pk>/", views_tlv.tlv_detail, name="tlv_detail"),
    path("tlv/<int:pk>/wijzigen/", views_tlv.tlv_wijzigen, name="tlv_wijzigen"),
    path("tlv/<int:pk>/advies/", views_tlv.tlv_advies, name="tlv_advies"),
    path("tlv/<int:pk>/besluit/", views_tlv.tlv_besluit, name="tlv_besluit"),
    path("tlv/<int:pk>/pdf/", views_tlv.tlv_pdf, name="tlv_pdf"),
    path("tlv/<int:pk>/bezwaar/", views_tlv.tlv_bezwaar, name="tlv_bezwaar"),
    path("tlv/bezwaren/<int:pk>/", views_tlv.tlv_bezwaar_afhandelen, name="tlv_bezwaar_afhandelen"),
]

# --- issue 11, part betrokkenheid (the BSN only ever in a POST body) ---
from . import views_betrokkenheid  # noqa: E402

urlpatterns += [
    path("betrokkenheid/", views_betrokkenheid.betrokkenheden, name="betrokkenheden"),
    path("betrokkenheid/nieuw/", views_betrokkenheid.betrokkenheid_nieuw, name="betrokkenheid_nieuw"),
    path(
        "betrokkenheid/<int:pk>/verlengen/",
        views_betrokkenheid.betrokkenheid_verlengen,
        name="betrokkenheid_verlengen",
    ),
    path(
        "betrokkenheid/<int:pk>/beeindigen/",
        views_betrokkenheid.betrokkenheid_beeindigen,
        name="betrokkenheid_beeindigen",
    ),
    path("betrokkenheid/privacy/", views_betrokkenheid.betrokkenheden_privacy, name="betrokkenheden_privacy"),
]

# --- issue 11, part overdracht ---
from . import views_overdracht  # noqa: E402

urlpatterns += [
    path("<int:pk>/overdragen/", views_overdracht.overdragen, name="overdragen"),
    path("overdrachten/", views_overdracht.overdrachten, name="overdrachten"),
    path("overdrachten/<int:pk>/accepteren/", views_overdracht.accepteren, name="overdracht_accepteren"),
    path("overdrachten/<int:pk>/weigeren/", views_overdracht.weigeren, name="overdracht_weigeren"),
]
urlpatterns += [
    path("overdrachten/<int:pk>/dossier/", views_overdracht.dossier, name="overdracht_dossier"),
    path("overdrachten/<int:pk>/terugkeer/", views_overdracht.terugkeer, name="overdracht_terugkeer"),
]
