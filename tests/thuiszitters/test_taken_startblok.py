"""The start page's "Mijn taken" block (issue 12, verzuim-robuust): it reads a count and the first five of the
case tasks and of the verzuim signals, not the whole list. Its queries are the same at 1x and 5x the items,
and no query of the block fetches more than five rows of either table."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Taak
from swv.core.models import Lidmaatschap, Rol
from tests.thuiszitters.factories import SignaalFactory
from thuiszitters.models import Signaal
from thuiszitters.models.signaal import SignaalStatus

pytestmark = pytest.mark.django_db

BASIS = datetime.date(2026, 12, 1)


def _maak(user, leerling, n: int, *, vanaf: int) -> None:
    """n tasks for `user` (even days) and n signals for the school (odd days), from day `vanaf` on."""
    lid = Lidmaatschap.objects.get(user=user)
    for i in range(vanaf, vanaf + n):
        Taak.objects.create(
            swv_id=lid.swv_id,
            regel="test",
            periode=f"p{i}",
            omschrijving=f"Taak nummer {i}",
            vervalt_op=BASIS + datetime.timedelta(days=2 * i),
            gebruiker=user,
        )
        SignaalFactory(
            leerling=leerling,
            periode=f"2026-x-{i}",
            omschrijving=f"Signaal nummer {i}",
            vervalt_op=BASIS + datetime.timedelta(days=2 * i + 1),
            voor_school=True,
        )


def _start(client) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    blok = html[html.index('data-testid="start-taken"') :]
    blok = blok[: blok.index("</section>")]
    return blok, [q["sql"] for q in queries.captured_queries]


def _leest_tabel(sql: str, tabel: str) -> bool:
    return f'FROM "{tabel}"' in sql


def test_the_block_shows_the_five_earliest_and_the_count_with_the_same_queries_at_1x_and_5x(
    users, client_for, leerlingen
):
    user = users[Rol.ZORGCOORDINATOR]
    client = client_for(user)

    _maak(user, leerlingen.eigen, 6, vanaf=0)
    blok_1x, queries_1x = _start(client)
    _maak(user, leerlingen.eigen, 24, vanaf=6)
    blok_5x, queries_5x = _start(client)

    # What the user sees: the five earliest by deadline (tasks and signals merged) and the total.
    verwacht = ["Taak nummer 0", "Signaal nummer 0", "Taak nummer 1", "Signaal nummer 1", "Taak nummer 2"]
    for blok in (blok_1x, blok_5x):
        regels = re.findall(r"<li[^>]*>(.*?)</li>", blok, flags=re.S)
        assert len(regels) == 5
        assert [next(t for t in verwacht if t in r) for r in regels] == verwacht
    assert "Alle 12 taken" in blok_1x
    assert "Alle 60 taken" in blok_5x

    # The page's queries do not grow with the number of tasks and signals.
    assert len(queries_5x) == len(queries_1x), "\n".join(queries_5x)
    # Each read of the two tables is a count or at most five rows, never the whole list.
    for sql in queries_5x:
        for tabel in ("cases_taak", "thuiszitters_signaal"):
            if _leest_tabel(sql, tabel):
                assert "COUNT(" in sql or re.search(r"LIMIT [1-5]\b", sql), sql


def test_a_closed_signal_and_a_handled_task_are_not_counted(users, client_for, leerlingen):
    user = users[Rol.ZORGCOORDINATOR]
    _maak(user, leerlingen.eigen, 4, vanaf=0)
    Taak.objects.filter(omschrijving="Taak nummer 0").update(
        afgehandeld_op=datetime.datetime.now(datetime.UTC)
    )
    Signaal.objects.filter(omschrijving="Signaal nummer 0").update(status=SignaalStatus.GESLOTEN)

    blok, _ = _start(client_for(user))

    assert "Alle 6 taken" in blok
    assert "Taak nummer 0" not in blok
    assert "Signaal nummer 0" not in blok
    assert "Taak nummer 1" in blok
