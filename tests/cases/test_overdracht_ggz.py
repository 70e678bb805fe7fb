"""Temporary placement at a GGZ-instelling school and the return to the school of origin (issue 11).

The school of origin keeps reading the case for the whole placement (not only the usual
OVERDRACHT_LEESTOEGANG_DAGEN), may change nothing, and gets the case back when it accepts the return that
the GGZ school offers; after the return the placement no longer gives anyone extra access."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import Casus, Overdracht, TijdlijnGebeurtenis
from cases.services_overdracht import (
    ggz_terugkeer_aanbieden,
    overdracht_aanbieden,
    overdracht_accepteren,
    overdracht_weigeren,
)
from cases.workflow import Status
from swv.core.models import Rol
from tests.cases.factories_casus import CasusFactory
from tests.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db
AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def herkomst(users):
    return users[Rol.INTERN_BEGELEIDER.value].lidmaatschappen.get().organisatie


@pytest.fixture
def ggz(swv):
    """The school of a GGZ-instelling in the same SWV, with its zorgcoördinator."""
    school = OrganisatieFactory(swv=swv, school=True, naam="School bij De Boei (GGZ)")
    user = UserFactory(username="ggz-zorg")
    LidmaatschapFactory(swv=swv, user=user, organisatie=school, rol=Rol.ZORGCOORDINATOR)
    return user


@pytest.fixture
def geplaatst(swv, users, herkomst, ggz, settings):
    """A case placed at the GGZ school on 1 September 2026 (read access after a handover: 30 days)."""
    settings.OVERDRACHT_LEESTOEGANG_DAGEN = 30
    casus = CasusFactory(swv=swv, school=herkomst, status=Status.IN_BEHANDELING)
    with time_machine.travel(datetime.datetime(2026, 9, 1, 12, tzinfo=AMS), tick=False):
        plaatsing = overdracht_aanbieden(
            casus=casus,
            by=users[Rol.INTERN_BEGELEIDER.value],
            naar_school=ggz.lidmaatschappen.get().organisatie,
            soort=Overdracht.Soort.GGZ_TIJDELIJK,
            delen=["aanmelding", "plan"],
            grondslag=Overdracht.Grondslag.WETTELIJKE_TAAK,
        )
        plaatsing = overdracht_accepteren(overdracht=plaatsing, by=ggz)
    assert plaatsing.terug_naar == herkomst
    return plaatsing


def _ziet(user, casus) -> bool:
    return Casus.objects.visible_to(user).filter(pk=casus.pk).exists()


def test_the_school_of_origin_reads_the_case_for_the_whole_placement_and_changes_nothing(
    geplaatst, users, client_for
):
    ib = users[Rol.INTERN_BEGELEIDER.value]
    # Five months later: far past the 30 days of an ordinary handover.
    with time_machine.travel(datetime.datetime(2027, 2, 1, 12, tzinfo=AMS), tick=False):
        assert _ziet(ib, geplaatst.casus)
        herkomst = client_for(ib)
        assert herkomst.get(f"/casussen/{geplaatst.casus_id}/").status_code == 200
        assert herkomst.get(f"/casussen/{geplaatst.casus_id}/wijzigen/").status_code == 403
        lijst = herkomst.get("/casussen/overdrachten/").content.decode()
        assert "de school van herkomst leest mee tot de terugkeer" in lijst


def test_the_ggz_school_offers_the_return_and_the_school_of_origin_gets_the_case_back(
    geplaatst, users, ggz, client_for
):
    ib = users[Rol.INTERN_BEGELEIDER.value]
    casus = geplaatst.casus
    with time_machine.travel(datetime.datetime(2027, 2, 1, 12, tzinfo=AMS), tick=False):
        pagina = client_for(ggz).get("/casussen/overdrachten/").content.decode()
        assert f"/casussen/overdrachten/{geplaatst.pk}/terugkeer/" in pagina
        antwoord = client_for(ggz).post(
            f"/casussen/overdrachten/{geplaatst.pk}/terugkeer/", {"toelichting": "Klaar voor terugkeer."}
        )
        assert antwoord.status_code == 302
        terugkeer = Overdracht.objects.get(terugkeer_van=geplaatst)
        assert (terugkeer.soort, terugkeer.naar_school, terugkeer.status) == (
            Overdracht.Soort.TERUGKEER,
            geplaatst.terug_naar,
            Overdracht.Status.AANGEBODEN,
        )
        assert terugkeer.delen == geplaatst.delen
        # A second return while one is open is refused (one open handover per case).
        with pytest.raises(ValidationError):
            ggz_terugkeer_aanbieden(plaatsing=geplaatst, by=ggz)

        overdracht_accepteren(overdracht=terugkeer, by=ib)

    casus.refresh_from_db()
    geplaatst.refresh_from_db()
    assert casus.school == geplaatst.terug_naar
    assert geplaatst.teruggekeerd_op is not None
    titels = list(
        TijdlijnGebeurtenis.objects.filter(casus=casus, soort="overdracht").values_list("titel", flat=True)
    )
    assert any("Terugkeer naar de school van herkomst" in t for t in titels)
    # After the return: the GGZ school reads only for the usual period, then not at all.
    with time_machine.travel(datetime.datetime(2027, 2, 20, 12, tzinfo=AMS), tick=False):
        assert _ziet(ggz, casus)
    with time_machine.travel(datetime.datetime(2027, 4, 1, 12, tzinfo=AMS), tick=False):
        assert not _ziet(ggz, casus)
        with pytest.raises(ValidationError):
            ggz_terugkeer_aanbieden(plaatsing=geplaatst, by=users[Rol.SWV_COORDINATOR.value])


def test_the_return_is_refused_without_a_placement_and_not_offered_by_the_school_of_origin(
    swv, geplaatst, users, herkomst
):
    ib = users[Rol.INTERN_BEGELEIDER.value]
    # The school of origin only reads: it cannot offer the case anywhere.
    with pytest.raises(PermissionDenied):
        ggz_terugkeer_aanbieden(plaatsing=geplaatst, by=ib)
    # An ordinary handover is no placement.
    andere = CasusFactory(swv=swv, school=herkomst, status=Status.IN_BEHANDELING)
    gewoon = overdracht_aanbieden(
        casus=andere,
        by=ib,
        naar_school=OrganisatieFactory(swv=swv, school=True),
        soort=Overdracht.Soort.ANDERE_SCHOOL,
        delen=["plan"],
        grondslag=Overdracht.Grondslag.WETTELIJKE_TAAK,
    )
    with pytest.raises(ValidationError):
        ggz_terugkeer_aanbieden(plaatsing=gewoon, by=users[Rol.SWV_COORDINATOR.value])
    # Nor can a return be chosen as a free kind of handover.
    with pytest.raises(ValidationError) as fout:
        overdracht_aanbieden(
            casus=andere,
            by=ib,
            naar_school=OrganisatieFactory(swv=swv, school=True),
            soort=Overdracht.Soort.TERUGKEER,
            delen=["plan"],
            grondslag=Overdracht.Grondslag.WETTELIJKE_TAAK,
        )
    assert "soort" in fout.value.message_dict


def test_a_refused_return_keeps_the_placement_and_the_read_access(geplaatst, users, ggz):
    ib = users[Rol.INTERN_BEGELEIDER.value]
    terugkeer = ggz_terugkeer_aanbieden(plaatsing=geplaatst, by=users[Rol.SWV_COORDINATOR.value])
    overdracht_weigeren(overdracht=terugkeer, by=ib, reden="Eerst een overleg met de ouders.")
    geplaatst.refresh_from_db()
    assert geplaatst.teruggekeerd_op is None
    with time_machine.travel(datetime.datetime(2027, 5, 1, 12, tzinfo=AMS), tick=False):
        assert _ziet(ib, geplaatst.casus)
        # Offered again later: allowed, the refused one is closed.
        assert ggz_terugkeer_aanbieden(plaatsing=geplaatst, by=ggz).status == Overdracht.Status.AANGEBODEN
