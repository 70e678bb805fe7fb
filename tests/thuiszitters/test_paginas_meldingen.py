"""The verzuimmelding pages (issue 12, part paginas): what the school, leerplicht and the SWV see and what is
stored. Access per role is the matrix's (docs/access.md); here: the rules behind it, per object."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Inschrijving
from swv.audit.models import AuditEvent
from swv.core.models import Lidmaatschap, Rol
from tests.factories import LeerlingFactory, LidmaatschapFactory, OrganisatieFactory, UserFactory
from tests.thuiszitters.factories import VerzuimmeldingFactory
from thuiszitters.models import Verzuimmelding

pytestmark = pytest.mark.django_db

FORMULIER = {
    "begindatum": "2026-10-05",
    "vermoedelijke_soort": "zestien_uur",
    "vermoedelijke_reden": "Spijbelt op maandag en vrijdag.",
    "actie_school": "Gesprek met ouders op 1 oktober.",
    "actie_gemeente_gewenst": "on",
    "toelichting_actie_gewenst": "Graag een huisbezoek.",
    "leslocatie": "Hoofdgebouw",
    "verzuimdagen": "6",
    "verzuimuren": "18,5",
    "melder_naam": "Fleur de Vries",
    "melder_functie": "Verzuimcoördinator",
    "melder_telefoon": "030-1234567",
    "melder_email": "verzuim@school.example",
    "telefoon_ouder_leerling": "06-12345678",
    "verblijfadres": "",
    "duo_meldingnummer": "DUO-123",
}


@pytest.fixture
def school(users):
    return Lidmaatschap.objects.get(user=users[Rol.INTERN_BEGELEIDER]).organisatie


@pytest.fixture
def leerling(leerlingen, school):
    Inschrijving.objects.create(
        swv=school.swv, leerling=leerlingen.eigen, school=school, ingeschreven_op=datetime.date(2026, 8, 1)
    )
    return leerlingen.eigen


def test_the_school_reports_verzuim_with_every_field(users, leerling, client_for):
    client = client_for(users[Rol.INTERN_BEGELEIDER])
    pagina = client.get(reverse("thuiszitters:melding_nieuw"))
    assert pagina.status_code == 200
    assert leerling.achternaam in pagina.content.decode()
    assert leerling.bsn not in pagina.content.decode()  # the pick list names, never numbers

    antwoord = client.post(reverse("thuiszitters:melding_nieuw"), {**FORMULIER, "leerling": leerling.pk})

    melding = Verzuimmelding.objects.get()
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("thuiszitters:melding_detail", args=[melding.pk])
    assert melding.leerling == leerling
    assert melding.status == "geregistreerd"
    assert melding.actie_gemeente_gewenst is True
    assert str(melding.verzuimuren) == "18.50"
    assert melding.duo_meldingnummer == "DUO-123"
    detail = client.get(antwoord["Location"]).content.decode()
    assert "Graag een huisbezoek." in detail
    assert "Geregistreerd" in detail


def test_a_form_error_keeps_the_input_and_stores_nothing(users, leerling, client_for):
    client = client_for(users[Rol.INTERN_BEGELEIDER])
    antwoord = client.post(
        reverse("thuiszitters:melding_nieuw"),
        {**FORMULIER, "leerling": leerling.pk, "begindatum": "2026-07-01", "melder_naam": ""},
    )
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 400
    assert "Het formulier is nog niet opgeslagen" in tekst
    assert "Spijbelt op maandag en vrijdag." in tekst  # the input is still there
    assert not Verzuimmelding.objects.exists()


def test_a_pupil_of_another_school_cannot_be_chosen(users, leerlingen, leerling, client_for):
    antwoord = client_for(users[Rol.INTERN_BEGELEIDER]).post(
        reverse("thuiszitters:melding_nieuw"), {**FORMULIER, "leerling": leerlingen.andere_school.pk}
    )
    assert antwoord.status_code == 400
    assert not Verzuimmelding.objects.exists()


def test_the_school_withdraws_a_melding_nobody_handles_yet(users, leerling, client_for):
    melding = VerzuimmeldingFactory(leerling=leerling)
    client = client_for(users[Rol.ZORGCOORDINATOR])
    assert (
        "Melding intrekken"
        in client.get(reverse("thuiszitters:melding_detail", args=[melding.pk])).content.decode()
    )

    client.post(reverse("thuiszitters:melding_intrekken", args=[melding.pk]), {"van": "geregistreerd"})

    melding.refresh_from_db()
    assert melding.status == "ingetrokken"
    detail = client.get(reverse("thuiszitters:melding_detail", args=[melding.pk])).content.decode()
    assert "Melding intrekken" not in detail


def test_a_melding_in_behandeling_cannot_be_withdrawn(users, leerling, client_for):
    melding = VerzuimmeldingFactory(leerling=leerling, status="in_behandeling")
    antwoord = client_for(users[Rol.ZORGCOORDINATOR]).post(
        reverse("thuiszitters:melding_intrekken", args=[melding.pk]), follow=True
    )
    melding.refresh_from_db()
    assert melding.status == "in_behandeling"
    assert "kan niet naar" in antwoord.content.decode()


def test_a_school_cannot_see_another_schools_melding(users, leerlingen, client_for):
    anders = VerzuimmeldingFactory(leerling=leerlingen.andere_school)
    client = client_for(users[Rol.INTERN_BEGELEIDER])
    assert client.get(reverse("thuiszitters:melding_detail", args=[anders.pk])).status_code == 404
    assert client.post(reverse("thuiszitters:melding_intrekken", args=[anders.pk])).status_code == 404
    assert anders.leerling.achternaam not in client.get(reverse("thuiszitters:meldingen")).content.decode()
    anders.refresh_from_db()
    assert anders.status == "geregistreerd"
    # The attempt is in the audit log, as for every pupil record.
    assert AuditEvent.objects.filter(result=AuditEvent.Result.DENIED, leerling=anders.leerling).exists()


def test_leerplicht_handles_a_melding_of_their_gemeente(users, swv, leerling, client_for):
    melding = VerzuimmeldingFactory(leerling=leerling)
    organisatie = Lidmaatschap.objects.get(user=users[Rol.LEERPLICHTAMBTENAAR]).organisatie
    collega = UserFactory(first_name="Anouk", last_name="Bakker")
    LidmaatschapFactory(swv=swv, user=collega, organisatie=organisatie, rol=Rol.LEERPLICHTAMBTENAAR)
    client = client_for(users[Rol.LEERPLICHTAMBTENAAR])
    url = reverse("thuiszitters:melding_behandelen", args=[melding.pk])
    assert "Anouk Bakker" in client.get(url).content.decode()

    client.post(
        url, {"van": "geregistreerd", "status": "in_behandeling", "toelichting": "Huisbezoek gepland."}
    )
    melding.refresh_from_db()
    assert (melding.status, melding.toelichting_gemeente) == ("in_behandeling", "Huisbezoek gepland.")
    assert melding.contactpersoon is None  # the form's choice (left empty) wins over "who handled it"

    antwoord = client.post(
        url, {"van": "in_behandeling", "status": "afgesloten", "contactpersoon": collega.pk}
    )
    assert antwoord.status_code == 400  # closing needs a reason; nothing changed
    assert "Kies een reden van afsluiten." in antwoord.content.decode()
    melding.refresh_from_db()
    assert melding.status == "in_behandeling"

    client.post(
        url,
        {
            "van": "in_behandeling",
            "status": "afgesloten",
            "reden_afgesloten": "terug_naar_school",
            "toelichting": "Weer op school sinds maandag.",
            "contactpersoon": collega.pk,
        },
    )
    melding.refresh_from_db()
    assert melding.status == "afgesloten"
    assert melding.reden_afgesloten == "terug_naar_school"
    assert melding.contactpersoon == collega
    assert melding.afgehandeld_op is not None


def test_a_contactpersoon_from_another_organisation_is_refused(users, swv, leerling, client_for):
    melding = VerzuimmeldingFactory(leerling=leerling)
    vreemde = UserFactory()
    LidmaatschapFactory(
        swv=swv,
        user=vreemde,
        organisatie=OrganisatieFactory(swv=swv, gemeente=True),
        rol=Rol.LEERPLICHTAMBTENAAR,
    )
    antwoord = client_for(users[Rol.LEERPLICHTAMBTENAAR]).post(
        reverse("thuiszitters:melding_behandelen", args=[melding.pk]),
        {"van": "geregistreerd", "status": "in_behandeling", "contactpersoon": vreemde.pk},
    )
    assert antwoord.status_code == 400
    melding.refresh_from_db()
    assert melding.status == "geregistreerd"


def test_leerplicht_of_another_gemeente_gets_404(users, swv, leerlingen, client_for):
    melding = VerzuimmeldingFactory(leerling=leerlingen.andere_school)  # lives in another gemeente
    client = client_for(users[Rol.LEERPLICHTAMBTENAAR])
    assert client.get(reverse("thuiszitters:melding_detail", args=[melding.pk])).status_code == 404
    assert client.get(reverse("thuiszitters:melding_behandelen", args=[melding.pk])).status_code == 404
    assert (
        client.post(
            reverse("thuiszitters:melding_behandelen", args=[melding.pk]), {"status": "in_behandeling"}
        ).status_code
        == 404
    )
    melding.refresh_from_db()
    assert melding.status == "geregistreerd"


def test_mijn_meldingen_shows_open_ones_first_and_filters_by_status(users, leerling, client_for):
    oud_open = VerzuimmeldingFactory(leerling=leerling, melder_naam="Oud open")
    VerzuimmeldingFactory(
        leerling=leerling, status="afgesloten", reden_afgesloten="werk", melder_naam="Nieuw dicht"
    )
    client = client_for(users[Rol.LEERPLICHTAMBTENAAR])
    pagina = client.get(reverse("thuiszitters:meldingen"))
    tekst = pagina.content.decode()
    assert "Mijn meldingen" in tekst
    assert tekst.index("Geregistreerd</td>") < tekst.index("Afgesloten</td>")
    gefilterd = list(client.get(reverse("thuiszitters:meldingen"), {"status": "open"}).context["page"])
    assert gefilterd == [oud_open]


def test_the_swv_reads_every_melding_and_may_not_handle(users, leerlingen, client_for):
    eigen = VerzuimmeldingFactory(leerling=leerlingen.eigen)
    anders = VerzuimmeldingFactory(leerling=leerlingen.andere_school)
    VerzuimmeldingFactory(leerling=leerlingen.ander_swv)
    client = client_for(users[Rol.SWV_DESKUNDIGE])
    assert set(client.get(reverse("thuiszitters:meldingen")).context["page"]) == {eigen, anders}
    assert client.get(reverse("thuiszitters:melding_detail", args=[anders.pk])).status_code == 200
    assert client.get(reverse("thuiszitters:melding_behandelen", args=[anders.pk])).status_code == 403


def test_the_list_read_and_a_detail_read_are_audited(users, leerling, client_for):
    melding = VerzuimmeldingFactory(leerling=leerling)
    client = client_for(users[Rol.LEERPLICHTAMBTENAAR])
    client.get(reverse("thuiszitters:meldingen"))
    client.get(reverse("thuiszitters:melding_detail", args=[melding.pk]))
    leesacties = AuditEvent.objects.filter(
        action=AuditEvent.Action.READ, actor=users[Rol.LEERPLICHTAMBTENAAR]
    )
    assert leesacties.filter(object_type="thuiszitters.verzuimmelding", object_id="lijst").exists()
    assert leesacties.filter(leerling=leerling).exists()


def test_the_list_has_a_fixed_number_of_queries(users, swv, school, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])

    def tel() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("thuiszitters:meldingen")).status_code == 200
        return len(ctx.captured_queries)

    VerzuimmeldingFactory(leerling=LeerlingFactory(swv=swv, school=school))
    weinig = tel()
    for _ in range(6):
        VerzuimmeldingFactory(
            leerling=LeerlingFactory(swv=swv), contactpersoon=users[Rol.LEERPLICHTAMBTENAAR]
        )
    assert tel() == weinig


@pytest.mark.parametrize(
    ("rol", "tekst"),
    [
        (Rol.INTERN_BEGELEIDER, "Verzuim melden"),
        (Rol.LEERPLICHTAMBTENAAR, "Mijn meldingen"),
        (Rol.SWV_COORDINATOR, "Alle verzuimmeldingen"),
    ],
)
def test_the_landing_page_says_per_role_what_to_do(users, leerling, rol, tekst, client_for):
    VerzuimmeldingFactory(leerling=leerling)
    pagina = client_for(users[rol]).get(reverse("thuiszitters:index"))
    assert tekst in pagina.content.decode()
    assert pagina.context["tellingen"]["open"] == 1


def test_leerplicht_records_actions_that_the_swv_reads_and_the_school_does_not(users, leerling, client_for):
    from thuiszitters.models import MeldingNotitie, MeldingNotitieEvent

    melding = VerzuimmeldingFactory(leerling=leerling)
    client = client_for(users[Rol.LEERPLICHTAMBTENAAR])
    url = reverse("thuiszitters:melding_acties", args=[melding.pk])

    fout = client.post(
        url, {"soort": "huisbezoek", "datum": "2030-01-01", "tekst": "Moeder thuis gesproken."}
    )
    assert fout.status_code == 400
    assert "Moeder thuis gesproken." in fout.content.decode()
    assert not MeldingNotitie.objects.exists()

    client.post(url, {"soort": "huisbezoek", "datum": "2026-11-20", "tekst": "Moeder thuis gesproken."})
    notitie = MeldingNotitie.objects.get()
    assert (notitie.melding, notitie.leerling, notitie.door) == (
        melding,
        leerling,
        users[Rol.LEERPLICHTAMBTENAAR],
    )
    assert MeldingNotitieEvent.objects.filter(pgh_obj_id=notitie.pk).exists()  # in the write history

    detail = reverse("thuiszitters:melding_detail", args=[melding.pk])
    assert "Moeder thuis gesproken." in client_for(users[Rol.SWV_COORDINATOR]).get(detail).content.decode()
    assert (
        "Moeder thuis gesproken." not in client_for(users[Rol.INTERN_BEGELEIDER]).get(detail).content.decode()
    )
    assert client_for(users[Rol.INTERN_BEGELEIDER]).post(url, {"tekst": "x"}).status_code == 403


@pytest.mark.parametrize("eind", ["afgesloten", "ingetrokken"])
def test_a_final_melding_is_not_changed_on_the_page_either(users, leerling, client_for, eind):
    """The rule of the API (409) on the page: the Dutch message, no form, a POST changes nothing; a note can
    still be added."""
    melding = VerzuimmeldingFactory(
        leerling=leerling,
        status=eind,
        reden_afgesloten="werk" if eind == "afgesloten" else "",
        toelichting_gemeente="Eerder.",
    )
    client = client_for(users[Rol.LEERPLICHTAMBTENAAR])
    url = reverse("thuiszitters:melding_behandelen", args=[melding.pk])
    pagina = client.get(url).content.decode()
    assert (
        f"Deze melding is {eind} en verandert niet meer. Een nieuwe situatie is een nieuwe melding." in pagina
    )
    assert 'name="toelichting"' not in pagina
    detail = client.get(reverse("thuiszitters:melding_detail", args=[melding.pk])).content.decode()
    assert "Melding behandelen</a>" not in detail
    assert "Actie of notitie toevoegen" in detail

    antwoord = client.post(url, {"van": eind, "toelichting": "Toch nog iets."})
    assert antwoord.status_code == 400
    assert "verandert niet meer" in antwoord.content.decode()
    melding.refresh_from_db()
    assert (melding.status, melding.toelichting_gemeente) == (eind, "Eerder.")

    client.post(
        reverse("thuiszitters:melding_acties", args=[melding.pk]),
        {"soort": "notitie", "datum": "2026-11-02", "tekst": "Later nog gebeld."},
    )
    assert melding.notities.get().tekst == "Later nog gebeld."
