"""thuiszitters.services_signaal (issue 12): who may handle a signal, the note, two closers at once."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from swv.core.models import Rol
from tests.thuiszitters.factories import SignaalFactory
from thuiszitters.models import Signaal, SignaalEvent
from thuiszitters.services_signaal import signaal_gezien, signaal_heropenen, signaal_sluiten


@pytest.mark.django_db
def test_closing_needs_a_note_in_dutch(users, leerlingen):
    signaal = SignaalFactory(leerling=leerlingen.eigen)
    with pytest.raises(ValidationError) as fout:
        signaal_sluiten(signaal=signaal, by=users[Rol.ZORGCOORDINATOR], notitie=" \n ")
    assert "notitie" in fout.value.message_dict
    assert Signaal.objects.get(pk=signaal.pk).status == "open"


@pytest.mark.django_db
def test_only_whoever_the_signal_is_for_may_handle_it(users, leerlingen):
    signaal = SignaalFactory(leerling=leerlingen.eigen, voor_school=True)
    for rol in (Rol.LEERPLICHTAMBTENAAR, Rol.SWV_COORDINATOR, Rol.KETENPARTNER):
        with pytest.raises(PermissionDenied):
            signaal_gezien(signaal=signaal, by=users[rol])
    with pytest.raises(PermissionDenied):
        signaal_sluiten(signaal=signaal, by=users["outsider"], notitie="x")


@pytest.mark.django_db
def test_the_history_names_who_acknowledged_closed_and_reopened(users, leerlingen):
    signaal = SignaalFactory(leerling=leerlingen.eigen)
    user = users[Rol.INTERN_BEGELEIDER]
    signaal_gezien(signaal=signaal, by=user)
    signaal_gezien(signaal=signaal, by=user)  # again: nothing changes
    signaal_sluiten(signaal=signaal, by=user, notitie="Gesprek gevoerd")
    signaal_heropenen(signaal=signaal, by=user)

    events = SignaalEvent.objects.filter(pgh_obj_id=signaal.pk).order_by("pgh_id")
    assert [e.status for e in events] == ["open", "gezien", "gesloten", "gezien"]
    assert all(e.pgh_context.metadata.get("user") == user.pk for e in events[1:])


@pytest.mark.django_db(transaction=True)
def test_two_people_closing_at_once_give_one_result_and_a_clear_message_to_the_second(users, leerlingen):
    signaal = SignaalFactory(leerling=leerlingen.eigen)
    wie = [users[Rol.ZORGCOORDINATOR], users[Rol.INTERN_BEGELEIDER]]
    start = threading.Barrier(2)
    uitkomst: dict[str, object] = {}

    def sluit(user):
        try:
            start.wait()
            signaal_sluiten(signaal=signaal, by=user, notitie=f"Door {user.username}")
            uitkomst[user.username] = "gesloten"
        except ValidationError as fout:
            uitkomst[user.username] = fout
        finally:
            connection.close()

    threads = [threading.Thread(target=sluit, args=(user,)) for user in wie]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    gesloten = [naam for naam, u in uitkomst.items() if u == "gesloten"]
    geweigerd = [u for u in uitkomst.values() if isinstance(u, ValidationError)]
    assert len(gesloten) == 1
    assert len(geweigerd) == 1
    assert "intussen al gesloten door" in geweigerd[0].messages[0]
    signaal.refresh_from_db()
    assert signaal.notitie == f"Door {gesloten[0]}"
