"""Test helpers of the leerlingen part (issue 10). Until the casus services are merged, a case is a plain row."""

from cases.models import Casus


def casus_voor(leerling, **velden) -> Casus:
    velden.setdefault("status", Casus.Status.AANGEMELD)
    if "school" not in velden:
        velden["school_id"] = leerling.school_id
    return Casus.objects.create(swv_id=leerling.swv_id, leerling=leerling, **velden)
