"""The pupil table of docs/access.md (which role sees which pupils), checked on the pupil page."""

import pytest

from swv.core.models import Rol
from tests.access_matrix import table
from tests.factories import LeerlingFactory, OrganisatieFactory

ROLES = [rol.value for rol in Rol]
PUPILS = ["leerling", "andere_school", "andere_gemeente"]


@pytest.fixture
def pupils(users, swv) -> dict[str, object]:
    """A pupil of the school users' school living in the leerplicht team's gemeente; one of another school
    in that gemeente; one of another school in another gemeente."""
    school = users[Rol.INTERN_BEGELEIDER.value].lidmaatschappen.get().organisatie
    gemeente = OrganisatieFactory(swv=swv, gemeente=True)
    leerplicht = users[Rol.LEERPLICHTAMBTENAAR.value].lidmaatschappen.get().organisatie
    leerplicht.gemeente = gemeente
    leerplicht.save(update_fields=["gemeente"])
    return {
        "leerling": LeerlingFactory(swv=swv, school=school, woongemeente=gemeente),
        "andere_school": LeerlingFactory(swv=swv, woongemeente=gemeente),
        "andere_gemeente": LeerlingFactory(swv=swv),
    }


def _sees(role: str) -> set[str]:
    """Which of the pupils a role sees, read from the pupil table in docs/access.md."""
    text = {row["role"]: row["sees which pupils"] for row in table("leerling")}[role]
    if "every pupil of the SWV" in text:
        return set(PUPILS)
    if "own school" in text:
        return {"leerling"}
    if "gemeente" in text:
        return {"leerling", "andere_school"}
    assert text.startswith("none"), f"unknown visibility in docs/access.md for {role}: {text}"
    return set()


@pytest.mark.parametrize("who", ROLES)
def test_pupils_of_own_and_other_school_and_gemeente_follow_the_pupil_table(who, users, pupils, client_for):
    client = client_for(users[who])
    answers = {key: client.get(f"/casussen/leerlingen/{pupils[key].pk}/") for key in PUPILS}

    seen = {key for key, response in answers.items() if response.status_code == 200}
    refused = {key for key, response in answers.items() if response.status_code == 404}

    assert seen == _sees(who)
    assert refused == set(PUPILS) - _sees(who)
    for key in seen:  # the page is the pupil's, not just any 200
        assert pupils[key].achternaam in answers[key].content.decode()
