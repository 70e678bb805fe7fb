"""The application's URLs plus the floors `make bench-web` measures next to them (scripts/bench_web.py).

- `/_bench/leeg`: an empty Django view behind the full middleware stack (anonymous or with a session):
  what any request costs before view code runs.
- `/_bench/vloer/organisaties`, `/_bench/vloer/sleutelfiguren`, `/_bench/vloer/organisatie/<id>`: the
  same rows as the API list (100) or detail, read by one SQL query and serialised with `json.dumps`,
  without authentication, permissions or audit: the least work the answer needs.
Only mounted by scripts/bench_web_settings.py; never part of the product's URLs.
"""

import datetime
import json

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path

from swv.urls import handler400, handler403, handler404, handler500  # noqa: F401 - the product's error pages
from swv.urls import urlpatterns as app_urlpatterns

ORGANISATIE_SQL = """
SELECT o.id, o.naam, o.soort, o.code, o.soort_onderwijs,
       g.id, g.naam, g.soort, b.id, b.naam, b.soort,
       o.bevoegd_gezag_nummer, o.denominatie, o.straat, o.huisnummer, o.postcode, o.plaats,
       o.telefoon, o.email, o.website,
       COALESCE((SELECT json_agg(json_build_object('id', w.id, 'naam', w.naam, 'soort', w.soort) ORDER BY w.naam)
                 FROM partners_organisatie_werkgebied ow JOIN partners_organisatie w ON w.id = ow.to_organisatie_id
                 WHERE ow.from_organisatie_id = o.id), '[]'),
       r.id, r.naam, r.code, o.in_werkgebied, o.actief, o.einddatum
FROM partners_organisatie o
LEFT JOIN partners_organisatie g ON g.id = o.gemeente_id
LEFT JOIN partners_organisatie b ON b.id = o.schoolbestuur_id
LEFT JOIN partners_jeugdzorgregio r ON r.id = o.jeugdzorgregio_id
"""
DOMEIN = {"school": "onderwijs", "gemeente": "gemeente"}

SLEUTELFIGUREN_SQL = """
SELECT s.id, p.id, p.voornaam, p.tussenvoegsel, p.achternaam, o.id, o.naam, o.soort, s.functie, s.niveau,
       s.onderwerpen,
       COALESCE((SELECT json_agg(json_build_object('id', g.id, 'naam', g.naam, 'soort', g.soort) ORDER BY g.naam)
                 FROM partners_sleutelfiguur_gemeenten sg JOIN partners_organisatie g ON g.id = sg.organisatie_id
                 WHERE sg.sleutelfiguur_id = s.id), '[]'),
       s.telefoon, s.email, s.van, s.tot, s.van <= CURRENT_DATE AND (s.tot IS NULL OR s.tot > CURRENT_DATE)
FROM partners_sleutelfiguur s
JOIN partners_persoon p ON p.id = s.persoon_id
JOIN partners_organisatie o ON o.id = s.organisatie_id
WHERE s.swv_id = %s
ORDER BY p.achternaam, p.voornaam, s.van DESC, s.id
LIMIT %s
"""


def _kort(id_, naam, soort):
    return {"id": id_, "naam": naam, "soort": soort} if id_ is not None else None


def _organisatie(r) -> dict:
    return {
        "id": r[0],
        "naam": r[1],
        "soort": r[2],
        "domein": DOMEIN.get(r[2], "overig"),
        "code": r[3],
        "soortOnderwijs": r[4],
        "gemeente": _kort(*r[5:8]),
        "schoolbestuur": _kort(*r[8:11]),
        "bevoegdGezagNummer": r[11],
        "denominatie": r[12],
        "straat": r[13],
        "huisnummer": r[14],
        "postcode": r[15],
        "plaats": r[16],
        "telefoon": r[17],
        "email": r[18],
        "website": r[19],
        "werkgebied": r[20],
        "jeugdzorgregio": {"id": r[21], "naam": r[22], "code": r[23]} if r[21] is not None else None,
        "inWerkgebied": r[24],
        "actief": r[25],
        "einddatum": r[26],
    }


def _json(data) -> HttpResponse:
    def datum(value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        raise TypeError(type(value))

    return HttpResponse(json.dumps(data, default=datum), content_type="application/json")


def leeg(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"")


def vloer_organisaties(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(
            ORGANISATIE_SQL + " WHERE o.swv_id = %s ORDER BY o.id LIMIT %s", [request.GET["swv"], 100]
        )
        rows = cursor.fetchall()
    return _json({"next": None, "previous": None, "results": [_organisatie(r) for r in rows]})


def vloer_organisatie(request: HttpRequest, pk: int) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(ORGANISATIE_SQL + " WHERE o.id = %s", [pk])
        row = cursor.fetchone()
    return _json(_organisatie(row))


def vloer_sleutelfiguren(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(SLEUTELFIGUREN_SQL, [request.GET["swv"], 100])
        rows = cursor.fetchall()
    results = [
        {
            "id": r[0],
            "persoon": {
                "id": r[1],
                "naam": " ".join(x for x in r[2:5] if x),
                "voornaam": r[2],
                "tussenvoegsel": r[3],
                "achternaam": r[4],
            },
            "organisatie": _kort(*r[5:8]),
            "functie": r[8],
            "niveau": r[9],
            "onderwerpen": r[10],
            "gemeenten": r[11],
            "telefoon": r[12],
            "email": r[13],
            "van": r[14],
            "tot": r[15],
            "actueel": r[16],
        }
        for r in rows
    ]
    return _json({"count": None, "next": None, "previous": None, "results": results})


urlpatterns = [
    path("_bench/leeg", leeg),
    path("_bench/vloer/organisaties", vloer_organisaties),
    path("_bench/vloer/organisatie/<int:pk>", vloer_organisatie),
    path("_bench/vloer/sleutelfiguren", vloer_sleutelfiguren),
    *app_urlpatterns,
]
