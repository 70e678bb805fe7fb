"""The cases app's objects for the access matrix (tests/test_access_matrix.py, docs/access.md)."""

import datetime

from cases.workflow import Status
from swv.core.models import Rol
from tests.cases.factories_casus import CasusFactory
from tests.factories import LeerlingFactory, LidmaatschapFactory, OrganisatieFactory, UserFactory

# A partner system sees a case only when it works for the case's school (cases.api.casussen).
CLIENT_ORGANISATIE = {"/api/v1/casussen/": lambda casus: casus.school}


def objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:
    """Route prefix -> (an object of `swv`, one of `elders`) for the `<int:pk>` of the routes under it.

    The pupil goes to the school users' school and lives in the gemeente the leerplicht team works for,
    so that every role the pupil table of docs/access.md lets see pupils sees this one.
    """
    school = users[Rol.INTERN_BEGELEIDER.value].lidmaatschappen.get().organisatie
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    leerplicht = users[Rol.LEERPLICHTAMBTENAAR.value].lidmaatschappen.get().organisatie
    leerplicht.gemeente = gemeente
    leerplicht.save(update_fields=["gemeente"])
    leerlingen = (
        LeerlingFactory(swv=swv, school=school, woongemeente=gemeente),
        LeerlingFactory(swv=elders),
    )
    return {
        # Part casussen: a case sent back to the school users' school, so the SWV sees it (not a concept)
        # and the school may still edit its aanmelding (teruggestuurd).
        "/casussen/": (
            CasusFactory(swv=swv, school=school, status=Status.TERUGGESTUURD),
            CasusFactory(swv=elders, status=Status.TERUGGESTUURD),
        ),
        "/api/v1/casussen/": (
            CasusFactory(swv=swv, school=school, status=Status.TERUGGESTUURD),
            CasusFactory(swv=elders, status=Status.TERUGGESTUURD),
        ),
        **plan_objects(swv=swv, elders=elders, users=users),
        "/casussen/leerlingen/": leerlingen,
        "/api/v1/leerlingen/": leerlingen,
        # A partner system sees pupils as its organisation would: the SWV bureau's sees them all.
        "api-client-organisatie": (users[Rol.SWV_COORDINATOR.value].lidmaatschappen.get().organisatie, None),
        **objects_leerlingen(leerlingen),
        **team_objects(swv=swv, elders=elders, users=users, school=school),
        **capi_objects(swv=swv, elders=elders, users=users),
        **arrdoc_objects(swv=swv, elders=elders, users=users),
        **tlv_objects(swv=swv, elders=elders, school=school),
        **betrokkenheid_objects(swv=swv, elders=elders, users=users),
        **overdracht_objects(swv=swv, elders=elders, school=school),
    }


# --- issue 10, part team ---


def team_objects(*, swv, elders, users, school) -> dict[str, tuple[object, object]]:
    """A case of the school users' school whose team has the ketenpartner (with the ouders' consent for
    their organisation) and the leerplichtambtenaar as members, so every role the case rule lets in sees
    it; and the same in the other SWV. Members and consents for the routes that end or withdraw them."""
    from cases.services_team import ot_lid_toevoegen, toestemming_vastleggen
    from tests.cases.factories_team import CasusFactory, OuderFactory

    def opzet(swv_, school_, partner, leerplicht):
        casus = CasusFactory(swv=swv_, leerling__swv=swv_, leerling__school=school_)
        lid = ot_lid_toevoegen(
            casus=casus, by=None, rol="partner", organisatie=partner.organisatie, gebruiker=partner.user
        )
        ot_lid_toevoegen(
            casus=casus,
            by=None,
            rol="leerplicht",
            organisatie=leerplicht.organisatie,
            gebruiker=leerplicht.user,
        )
        toestemming = toestemming_vastleggen(
            casus=casus,
            by=None,
            doel="deelname_ot",
            organisatie=partner.organisatie,
            gegeven_op=datetime.date.today(),
            wijze="schriftelijk",
            gegeven_door_ouder=OuderFactory(leerling=casus.leerling),
        )
        return casus, lid, toestemming

    hier = opzet(
        swv,
        school,
        users[Rol.KETENPARTNER.value].lidmaatschappen.get(),
        users[Rol.LEERPLICHTAMBTENAAR.value].lidmaatschappen.get(),
    )
    partner_elders = LidmaatschapFactory(
        swv=elders,
        user=UserFactory(),
        organisatie=OrganisatieFactory(swv=elders, wijkteam=True),
        rol=Rol.KETENPARTNER,
    )
    leerplicht_elders = LidmaatschapFactory(
        swv=elders,
        user=UserFactory(),
        organisatie=OrganisatieFactory(swv=elders, leerplicht=True),
        rol=Rol.LEERPLICHTAMBTENAAR,
    )
    daar = opzet(elders, OrganisatieFactory(swv=elders, school=True), partner_elders, leerplicht_elders)
    return {
        "/casussen/<int:pk>/team/": (hier[0], daar[0]),
        "/casussen/<int:pk>/betrokkenen/": (hier[0], daar[0]),
        "/casussen/<int:pk>/tijdlijn/": (hier[0], daar[0]),
        "/casussen/team/leden/": (hier[1], daar[1]),
        "/casussen/team/toestemmingen/": (hier[2], daar[2]),
        "/api/v1/casussen/<int:pk>/tijdlijn": (hier[0], daar[0]),
        "/api/v1/casussen/<int:pk>/team": (hier[0], daar[0]),
        "/api/v1/casussen/<int:pk>/toestemmingen": (hier[0], daar[0]),
    }


# --- issue 10, part plan: a case of the school users' school with a concept plan and an action; the
# ketenpartner is a member of its ondersteuningsteam with the ouders' consent for their organisation, so
# partners' rows can be "ja". Its own prefixes, longer than the casussen part's "/casussen/". ---
def plan_objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:

    from cases.models import Actie, Casus, OtLid, Ouder, Plan, Toestemming

    def casus_met_plan(in_swv, school=None, partner=None):
        leerling = LeerlingFactory(swv=in_swv, **({"school": school} if school else {}))
        casus = Casus.objects.create(
            swv=in_swv, leerling=leerling, school=leerling.school, status=Casus.Status.IN_BEHANDELING
        )
        Plan.objects.create(
            swv=in_swv, casus=casus, versie=1, status="vastgesteld", vastgesteld_op=datetime.date(2026, 9, 1)
        )
        Plan.objects.create(swv=in_swv, casus=casus, versie=2, doelen="Lezen")
        # The partner's organisation owns the action, so the partner may report its status (part capi).
        eigenaar = (
            partner.lidmaatschappen.get().organisatie
            if partner is not None
            else OrganisatieFactory(swv=in_swv, wijkteam=True)
        )
        actie = Actie.objects.create(
            swv=in_swv, casus=casus, omschrijving="Gesprek", eigenaar_organisatie=eigenaar
        )
        if partner is not None:
            organisatie = partner.lidmaatschappen.get().organisatie
            OtLid.objects.create(
                swv=in_swv, casus=casus, rol="partner", organisatie=organisatie, gebruiker=partner
            )
            ouder = Ouder.objects.create(swv=in_swv, leerling=leerling, achternaam="Visser", relatie="moeder")
            Toestemming.objects.create(
                swv=in_swv,
                leerling=leerling,
                casus=casus,
                doel="deelname_ot",
                organisatie=organisatie,
                gegeven_door_ouder=ouder,
                gegeven_op=datetime.date.today(),
                wijze="schriftelijk",
            )
        return casus, actie

    school = users[Rol.INTERN_BEGELEIDER.value].lidmaatschappen.get().organisatie
    casus, actie = casus_met_plan(swv, school, users[Rol.KETENPARTNER.value])
    elders_casus, elders_actie = casus_met_plan(elders)
    return {
        "/casussen/<int:pk>/plan/": (casus, elders_casus),
        "/casussen/<int:pk>/acties/": (casus, elders_casus),
        "/casussen/<int:pk>/evaluaties/": (casus, elders_casus),
        "/casussen/acties/": (actie, elders_actie),
    }


# --- issue 10, part leerlingen: an ouder and an enrolment of the same pupils (routes /casussen/ouders/…,
# /casussen/inschrijvingen/…). Kept apart so the other parts can append their objects below. ---
def objects_leerlingen(leerlingen: tuple) -> dict[str, tuple[object, object]]:
    from cases.models import Inschrijving, Ouder

    paar_ouder = tuple(
        Ouder.objects.create(swv_id=lln.swv_id, leerling=lln, achternaam="Jansen", relatie="moeder")
        for lln in leerlingen
    )
    paar_inschrijving = tuple(
        Inschrijving.objects.create(
            swv_id=lln.swv_id, leerling=lln, school_id=lln.school_id, ingeschreven_op=lln.geboortedatum
        )
        for lln in leerlingen
    )
    return {"/casussen/ouders/": paar_ouder, "/casussen/inschrijvingen/": paar_inschrijving}


# --- issue 10, part capi: the API of actions and evaluations uses the plan part's case (the ketenpartner is in
# its OT with consent and their organisation owns its action). A partner system of that organisation may see
# the case and report the action's status: the matrix checks the client rule for partners with it. ---
CLIENT_ORGANISATIE["/api/v1/acties/"] = lambda actie: actie.eigenaar_organisatie


def capi_objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:
    from cases.models import Actie

    plan = plan_objects(swv=swv, elders=elders, users=users)
    hier, daar = plan["/casussen/<int:pk>/acties/"]
    return {
        "/api/v1/casussen/<int:pk>/acties": (hier, daar),
        "/api/v1/casussen/<int:pk>/evaluaties": (hier, daar),
        "/api/v1/acties/": (Actie.objects.get(casus=hier), Actie.objects.get(casus=daar)),
    }


# --- issue 11, part arrangementen en documenten: the team part's case (the partner is a member with the
# ouders' consent, leerplicht a member), with an arrangement and a document; the same in the other SWV. ---
def arrdoc_objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.services_arrangement import arrangement_aanvragen
    from cases.services_document import document_toevoegen
    from tests.factories import VoorzieningFactory

    school = users[Rol.INTERN_BEGELEIDER.value].lidmaatschappen.get().organisatie
    hier, daar = team_objects(swv=swv, elders=elders, users=users, school=school)["/casussen/<int:pk>/team/"]

    def met(casus):
        arrangement = arrangement_aanvragen(
            casus=casus,
            voorziening=VoorzieningFactory(swv=casus.swv),
            reden="Herstart",
            startdatum=datetime.date.today(),
            by=None,
        )
        pdf = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4\n% test\n", content_type="application/pdf")
        document = document_toevoegen(casus=casus, soort="overig", titel="Verslag", bestand=pdf, by=None)
        return arrangement, document

    (arr_hier, doc_hier), (arr_daar, doc_daar) = met(hier), met(daar)
    return {
        "/casussen/<int:pk>/arrangementen/": (hier, daar),
        "/casussen/<int:pk>/documenten/": (hier, daar),
        "/casussen/arrangementen/": (arr_hier, arr_daar),
        "/casussen/documenten/": (doc_hier, doc_daar),
        "/api/v1/casussen/<int:pk>/arrangementen": (hier, daar),
        "/api/v1/casussen/<int:pk>/documenten": (hier, daar),
        "/api/v1/casusdocumenten/": (doc_hier, doc_daar),
        "/api/v1/arrangementen/": (arr_hier, arr_daar),
    }


# --- issue 11, part TLV: an open request (for the forms) and a decided one (for the PDF) on a case of the
# school users' school, and the same in the other SWV. Written directly: the services are tested on their own.
def tlv_objects(*, swv, elders, school) -> dict[str, tuple[object, object]]:
    from cases.models import Casus, Tlv, TlvBezwaar

    def paar(in_swv, school_=None):
        leerling = LeerlingFactory(swv=in_swv, **({"school": school_} if school_ else {}))
        casus = Casus.objects.create(
            swv=in_swv, leerling=leerling, school=leerling.school, status=Casus.Status.IN_BEHANDELING
        )
        open_ = Tlv.objects.create(
            swv=in_swv, casus=casus, leerling=leerling, soort="so", cluster=4, onderbouwing="Structuur nodig."
        )
        besloten = Tlv.objects.create(
            swv=in_swv,
            casus=casus,
            leerling=leerling,
            soort="sbao",
            onderbouwing="Kleine groepen nodig.",
            status="toegekend",
            besluitdatum=datetime.date(2026, 9, 1),
            ingangsdatum=datetime.date(2026, 9, 1),
            einddatum=datetime.date(2028, 7, 31),
            motivering="Past in het SBaO.",
            beschikkingsnummer=f"{in_swv.code}-2026-00001",
        )
        bezwaar = TlvBezwaar.objects.create(
            swv=in_swv, tlv=besloten, ontvangen_op=datetime.date(2026, 9, 20), ingediend_door="Fenna Bakker"
        )
        return casus, open_, besloten, bezwaar

    hier, daar = paar(swv, school), paar(elders)
    return {
        "/casussen/<int:pk>/tlv/": (hier[0], daar[0]),
        "/casussen/tlv/": (hier[1], daar[1]),
        "/casussen/tlv/<int:pk>/pdf/": (hier[2], daar[2]),
        "/api/v1/tlvs/": (hier[1], daar[1]),
        "/casussen/tlv/<int:pk>/bezwaar/": (hier[2], daar[2]),
        "/casussen/tlv/bezwaren/": (hier[3], daar[3]),
    }


# --- issue 11, part betrokkenheid ---


def betrokkenheid_objects(*, swv, elders, users) -> dict[str, tuple[object, object]]:
    """An involvement recorded by the ketenpartner (their organisation is the only one that sees it) and
    one recorded by a partner professional in `elders`."""
    from cases.services_betrokkenheid import betrokkenheid_vastleggen
    from tests.factories import _bsn_voor

    ver_weg = UserFactory(username="betrokken-elders")
    LidmaatschapFactory(
        swv=elders, user=ver_weg, organisatie=OrganisatieFactory(swv=elders), rol=Rol.KETENPARTNER
    )
    paar = tuple(
        betrokkenheid_vastleggen(by=wie, bsn=_bsn_voor(9100), contact_naam="Contact")
        for wie in (users[Rol.KETENPARTNER.value], ver_weg)
    )
    return {"/casussen/betrokkenheid/": paar, "/api/v1/betrokkenheden/": paar}


# --- issue 11, part overdracht ---


def overdracht_objects(*, swv, elders, school) -> dict[str, tuple[object, object]]:
    """A handover offered to the school users' school from a case of another school of the SWV (the SWV
    sees it as sender side, the school decides), and one within `elders`."""
    from cases.models import Overdracht

    def opzet(swv_, naar):
        casus = CasusFactory(swv=swv_, status=Status.IN_BEHANDELING)
        return Overdracht.objects.create(
            swv=swv_,
            casus=casus,
            soort=Overdracht.Soort.PO_VO,
            van_school=casus.school,
            naar_school=naar,
            delen=["aanmelding"],
            grondslag=Overdracht.Grondslag.WETTELIJKE_TAAK,
        )

    paar = (opzet(swv, school), opzet(elders, OrganisatieFactory(swv=elders, school=True)))
    return {"/casussen/overdrachten/": paar}
