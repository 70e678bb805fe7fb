"""Pupil pages of issue 10 (part leerlingen): leerplicht dates, enrolments, ouders, BSN and the pupil's
cases on the pupil page; forms keep the input on a Dutch error; a BSN never in a URL, log or audit row."""

import datetime
import logging

import pytest
from django.urls import reverse

from cases.models import Casus, Inschrijving, Leerling, Ouder
from swv.audit.models import AuditEvent
from swv.core.models import Rol
from tests.cases.factories_leerlingen import casus_voor
from tests.factories import LeerlingFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

D = datetime.date
BSN = "111111110"


def detail(leerling) -> str:
    return reverse("cases:leerling_detail", args=[leerling.pk])


def _audit_tekst() -> str:
    return str(list(AuditEvent.objects.values()))


def test_the_pupil_page_shows_leerplicht_enrolments_ouders_and_only_the_cases_the_user_may_see(
    swv, users, leerlingen, client_for
):
    leerling = leerlingen.eigen
    Leerling.objects.filter(pk=leerling.pk).update(geboortedatum=D(2012, 8, 1))
    Inschrijving.objects.create(
        swv=swv, leerling=leerling, school=leerling.school, ingeschreven_op=D(2016, 8, 22)
    )
    Ouder.objects.create(
        swv=swv,
        leerling=leerling,
        voornaam="Fatima",
        achternaam="El Amrani",
        relatie="moeder",
        telefoon="06-12345678",
        email="fatima@example.org",
    )
    eigen = casus_voor(leerling)
    # A case at another school for the same pupil: a school user may not see it.
    andere = casus_voor(leerling, school=OrganisatieFactory(swv=swv, school=True))
    body = client_for(users[Rol.ZORGCOORDINATOR]).get(detail(leerling)).content.decode()
    assert "1 september 2017" in body  # leerplichtig vanaf
    assert "31 juli 2029" in body  # leerplicht eindigt
    assert "22-8-2016" in body
    assert "fatima@example.org" in body
    assert "06-12345678" in body
    assert f"Casus {eigen.pk}:" in body
    assert f"Casus {andere.pk}:" not in body
    coordinator = client_for(users[Rol.SWV_COORDINATOR]).get(detail(leerling)).content.decode()
    assert f"Casus {andere.pk}:" in coordinator


def test_read_only_roles_see_no_edit_links(users, leerlingen, client_for):
    body = client_for(users[Rol.SWV_DESKUNDIGE]).get(detail(leerlingen.eigen)).content.decode()
    assert reverse("cases:ouder_nieuw", args=[leerlingen.eigen.pk]) not in body
    assert reverse("cases:inschrijving_nieuw", args=[leerlingen.eigen.pk]) not in body
    schrijver = client_for(users[Rol.INTERN_BEGELEIDER]).get(detail(leerlingen.eigen)).content.decode()
    assert reverse("cases:ouder_nieuw", args=[leerlingen.eigen.pk]) in schrijver


def test_adding_an_ouder_with_a_bad_email_keeps_the_input_and_a_good_one_is_stored(
    users, leerlingen, client_for
):
    client = client_for(users[Rol.INTERN_BEGELEIDER])
    url = reverse("cases:ouder_nieuw", args=[leerlingen.eigen.pk])
    invoer = {
        "voornaam": "Kees",
        "achternaam": "Bakker",
        "relatie": "vader",
        "gezag": "on",
        "telefoon": "06-11112222",
        "email": "geen-adres",
        "adres": "Dorpsstraat 1",
    }
    response = client.post(url, invoer)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Voer een geldig e-mailadres in." in body
    assert 'value="Dorpsstraat 1"' in body
    assert 'value="06-11112222"' in body
    assert not Ouder.objects.exists()
    response = client.post(url, {**invoer, "email": "kees@example.org"})
    assert response.status_code == 302
    ouder = Ouder.objects.get()
    assert (ouder.leerling, ouder.email, ouder.gezag, ouder.swv_id) == (
        leerlingen.eigen,
        "kees@example.org",
        True,
        leerlingen.eigen.swv_id,
    )


def test_an_ouder_is_changed_and_removed_on_its_pages(users, leerlingen, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    ouder = Ouder.objects.create(
        swv_id=leerlingen.eigen.swv_id, leerling=leerlingen.eigen, achternaam="Bakker", relatie="vader"
    )
    url = reverse("cases:ouder_wijzigen", args=[ouder.pk])
    assert 'value="Bakker"' in client.get(url).content.decode()
    response = client.post(url, {"achternaam": "Bakker", "relatie": "voogd", "telefoon": "010-1234567"})
    assert response.status_code == 302
    ouder.refresh_from_db()
    assert (ouder.relatie, ouder.gezag, ouder.telefoon) == ("voogd", False, "010-1234567")
    response = client.post(reverse("cases:ouder_verwijderen", args=[ouder.pk]))
    assert response.status_code == 302
    assert not Ouder.objects.filter(pk=ouder.pk).exists()


def test_an_ouder_of_an_invisible_pupil_is_404_and_a_read_only_role_gets_403(users, leerlingen, client_for):
    ouder = Ouder.objects.create(
        swv_id=leerlingen.andere_school.swv_id,
        leerling=leerlingen.andere_school,
        achternaam="X",
        relatie="vader",
    )
    assert (
        client_for(users[Rol.ZORGCOORDINATOR])
        .post(reverse("cases:ouder_verwijderen", args=[ouder.pk]))
        .status_code
        == 404
    )
    assert (
        client_for(users[Rol.SWV_DESKUNDIGE])
        .post(reverse("cases:ouder_verwijderen", args=[ouder.pk]))
        .status_code
        == 403
    )
    assert Ouder.objects.filter(pk=ouder.pk).exists()


def test_enrolments_are_added_and_ended_on_the_pupil_page_and_a_bad_date_keeps_the_input(
    swv, users, leerlingen, client_for
):
    client = client_for(users[Rol.SWV_MEDEWERKER])
    leerling = leerlingen.eigen
    nieuwe_school = OrganisatieFactory(swv=swv, school=True)
    url = reverse("cases:inschrijving_nieuw", args=[leerling.pk])
    response = client.post(url, {"school": nieuwe_school.pk, "ingeschreven_op": "1900-01-01"})
    assert response.status_code == 400
    assert "De datum van inschrijving ligt voor de geboortedatum." in response.content.decode()
    assert 'value="1900-01-01"' in response.content.decode()
    response = client.post(url, {"school": nieuwe_school.pk, "ingeschreven_op": "2024-08-19"})
    assert response.status_code == 302
    leerling.refresh_from_db()
    assert leerling.school == nieuwe_school
    inschrijving = Inschrijving.objects.get(leerling=leerling)
    response = client.post(
        reverse("cases:inschrijving_beeindigen", args=[inschrijving.pk]),
        {"uitgeschreven_op": "2025-07-31", "reden": "verhuisd"},
    )
    assert response.status_code == 302
    leerling.refresh_from_db()
    assert leerling.uitgeschreven_op == D(2025, 7, 31)
    assert "verhuisd" in client.get(detail(leerling)).content.decode()


def test_a_school_of_another_swv_cannot_be_chosen(users, leerlingen, client_for):
    elders = OrganisatieFactory(swv=leerlingen.ander_swv.swv, school=True)
    response = client_for(users[Rol.SWV_COORDINATOR]).post(
        reverse("cases:inschrijving_nieuw", args=[leerlingen.eigen.pk]),
        {"school": elders.pk, "ingeschreven_op": "2024-08-19"},
    )
    assert response.status_code == 400
    assert not Inschrijving.objects.exists()


def test_recording_the_bsn_is_a_post_and_the_bsn_never_reaches_a_url_log_or_audit_row(
    swv, users, client_for, caplog
):
    school = users[Rol.INTERN_BEGELEIDER].lidmaatschappen.get().organisatie
    leerling = LeerlingFactory(swv=swv, school=school, bsn=None, onderwijsnummer="100000028")
    client = client_for(users[Rol.INTERN_BEGELEIDER])
    url = reverse("cases:bsn_vastleggen", args=[leerling.pk])
    assert url in client.get(detail(leerling)).content.decode()
    assert client.get(url, {"bsn": BSN}).status_code == 200  # a GET shows the form; it stores nothing
    leerling.refresh_from_db()
    assert leerling.bsn is None
    with caplog.at_level(logging.DEBUG):
        response = client.post(url, {"bsn": BSN})
    assert response.status_code == 302
    assert BSN not in response["Location"]
    leerling.refresh_from_db()
    assert (leerling.bsn, leerling.onderwijsnummer) == (BSN, None)
    assert BSN not in caplog.text.replace(f"bsn={BSN}", "")  # only the test's own GET query shows it
    assert BSN not in _audit_tekst()


def test_a_bsn_another_pupil_has_is_refused_in_dutch_and_the_input_stays(swv, users, client_for):
    school = users[Rol.INTERN_BEGELEIDER].lidmaatschappen.get().organisatie
    LeerlingFactory(swv=swv, bsn=BSN)
    leerling = LeerlingFactory(swv=swv, school=school, bsn=None, onderwijsnummer="100000028")
    response = client_for(users[Rol.INTERN_BEGELEIDER]).post(
        reverse("cases:bsn_vastleggen", args=[leerling.pk]), {"bsn": BSN}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Er is in dit samenwerkingsverband al een andere leerling met dit BSN." in body
    assert f'value="{BSN}"' in body
    assert BSN not in _audit_tekst()


def test_the_new_pages_write_no_bsn_in_the_audit_table(users, leerlingen, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    ouder = Ouder.objects.create(
        swv_id=leerlingen.eigen.swv_id, leerling=leerlingen.eigen, achternaam="X", relatie="vader"
    )
    for url in (
        detail(leerlingen.eigen),
        reverse("cases:ouder_wijzigen", args=[ouder.pk]),
        reverse("cases:inschrijving_nieuw", args=[leerlingen.eigen.pk]),
        reverse("cases:bsn_vastleggen", args=[leerlingen.eigen.pk]),
    ):
        assert client.get(url).status_code == 200
    assert leerlingen.eigen.bsn not in _audit_tekst()
    assert AuditEvent.objects.filter(
        reason="ouder/verzorger wijzigen", action=AuditEvent.Action.READ
    ).exists()


def test_detail_query_count_does_not_grow_with_ouders_enrolments_and_cases(
    swv, users, leerlingen, client_for, django_assert_max_num_queries
):
    client = client_for(users[Rol.SWV_COORDINATOR])
    leerling = leerlingen.eigen
    client.get(detail(leerling))
    with django_assert_max_num_queries(40) as eerst:
        client.get(detail(leerling))
    for i in range(10):
        Ouder.objects.create(swv=swv, leerling=leerling, achternaam=f"O{i}", relatie="vader")
        casus_voor(leerling, status=Casus.Status.AFGESLOTEN)
    for i in range(10):
        Inschrijving.objects.create(
            swv=swv,
            leerling=leerling,
            school=OrganisatieFactory(swv=swv, school=True),
            ingeschreven_op=D(2016, 1, 1) + datetime.timedelta(days=30 * i),
            uitgeschreven_op=D(2016, 1, 1) + datetime.timedelta(days=30 * i + 1),
        )
    with django_assert_max_num_queries(len(eerst.captured_queries)):
        client.get(detail(leerling))
    assert Casus.objects.filter(leerling=leerling).count() == 10
