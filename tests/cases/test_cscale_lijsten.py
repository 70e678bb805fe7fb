"""The fixes found by the cases benchmark on `gehost` data (issue 10, part cscale; docs/benchmarks.md): the
overview's school filter lists the schools with a case (not every school of the registry), and the
overview and the API list stay flat in queries as the data grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Casus
from swv.core.models import Lidmaatschap, Rol
from tests.cases.factories_casus import CasusFactory
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db

OVERZICHT = reverse("cases:casus_overzicht")


@pytest.fixture
def school(users):
    return Lidmaatschap.objects.get(user=users[Rol.ZORGCOORDINATOR]).organisatie


def test_the_overview_offers_only_schools_with_a_case_and_its_queries_stay_flat(
    swv, users, school, client_for
):
    client = client_for(users[Rol.SWV_COORDINATOR])
    zonder_casus = OrganisatieFactory(swv=swv, school=True)
    counts = []
    for extra in (1, 10, 40):
        for _ in range(extra):
            OrganisatieFactory(swv=swv, school=True)  # registry schools without a case
            CasusFactory(swv=swv, school=OrganisatieFactory(swv=swv, school=True))
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(OVERZICHT)
        assert response.status_code == 200
        counts.append(len(ctx))
    keuzes = {pk for pk, _label in response.context["form"].fields["school"].choices if pk}
    met_casus = set(Casus.objects.filter(swv=swv).values_list("school_id", flat=True))
    assert {int(str(pk)) for pk in keuzes} == met_casus
    assert zonder_casus.pk not in met_casus
    assert counts[0] == counts[1] == counts[2], counts
    # Filtering on a school with a case still works.
    casus = Casus.objects.filter(swv=swv).first()
    assert casus is not None
    gevonden = client.get(OVERZICHT, {"school": casus.school_id}).context["page"].object_list
    assert {c.school_id for c in gevonden} == {casus.school_id}


def test_the_api_list_query_count_is_flat_at_1_10_and_50(swv, users, school, client_for):
    client = client_for(users[Rol.SWV_COORDINATOR])
    counts = []
    for totaal in (1, 10, 50):
        for _ in range(totaal - Casus.objects.filter(swv=swv).count()):
            CasusFactory(swv=swv, school=school)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/api/v1/casussen?limit=100")
        assert response.status_code == 200
        assert len(response.json()["results"]) == totaal
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2], counts
