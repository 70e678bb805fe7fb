"""The partner registry's block on the start page (registered in apps.py): agreements due soon."""

from django.http import HttpRequest

# How many agreements the start page lists; the rest are on the afspraken page.
START_AFSPRAKEN = 5


def afspraken_blok(request: HttpRequest, lidmaatschap) -> dict:
    """Two queries whatever the number of agreements: the first few, and how many there are."""
    from .selectors import afspraken_te_evalueren
    from .views import afspraken_met_signalen

    swv = lidmaatschap.swv
    return {
        "afspraken": afspraken_met_signalen(
            swv=swv, binnen_dagen=60, limiet=START_AFSPRAKEN, met_partijen=False
        ),
        "afspraken_totaal": afspraken_te_evalueren(swv=swv, binnen_dagen=60).count(),
    }
