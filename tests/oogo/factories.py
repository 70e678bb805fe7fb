"""Building blocks of the OOGO tests: meetings through the services, as the pages make them."""

import datetime

from django.utils import timezone

from oogo import services
from oogo.workflow import OverlegSoort
from tests.factories import OrganisatieFactory, PersoonFactory


def bestuurder_gemeente(user):
    """The gemeente the bestuurder of tests/conftest.py acts for."""
    return user.lidmaatschappen.get().organisatie


def overleg(
    swv, *, gemeenten=None, dag: datetime.date | None = None, soort=OverlegSoort.BESTUURLIJK, by=None, **extra
):
    dag = dag or datetime.date(2026, 10, 1)
    begin = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(14, 0)))
    return services.overleg_plannen(
        swv=swv,
        by=by,
        soort=soort,
        titel=extra.pop("titel", f"OOGO {dag:%d-%m-%Y}"),
        begin=begin,
        einde=begin + datetime.timedelta(hours=2),
        locatie="Gemeentehuis",
        gemeenten=gemeenten if gemeenten is not None else [OrganisatieFactory(swv=swv, gemeente=True)],
        **extra,
    )


def persoon(swv):
    return PersoonFactory(swv=swv)
