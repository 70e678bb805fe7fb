"""Writing verzuimmeldingen (issue 12): a school reports, leerplicht handles. One function per write.

Each write checks who may do it through the acting membership (a school role of the melding's school; the
leerplichtambtenaar of the pupil's woongemeente), runs in `tracked_write` (the write history names the
person), locks the row for a status change (two handlers at once are decided one after the other; with `van`
a change the user did not see is refused, not overwritten), and puts an event on the tijdlijn of the pupil's
open cases through the cases app's one service (`cases.tijdlijn.tijdlijn_toevoegen`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Casus, Inschrijving, Leerling
from cases.querysets import gemeente_van
from cases.tijdlijn import tijdlijn_toevoegen
from cases.workflow import GESLOTEN
from swv.core.acting import lidmaatschap_van
from swv.core.models import SCHOOL_ROLLEN, Rol
from swv.core.services import tracked_write

from .models import Verzuimmelding
from .models.melding import MeldingStatus
from .workflow import OVERGANGEN

# What the school fills in (domain.md, Besluit verzuimmelding); the rest is the gemeente's or set here.
SCHOOLVELDEN = frozenset(
    {
        "begindatum",
        "einddatum",
        "vermoedelijke_soort",
        "vermoedelijke_reden",
        "alle_lessen_gemist",
        "actie_school",
        "actie_gemeente_gewenst",
        "toelichting_actie_gewenst",
        "leslocatie",
        "melder_naam",
        "melder_functie",
        "melder_telefoon",
        "melder_email",
        "telefoon_ouder_leerling",
        "verblijfadres",
        "verzuimdagen",
        "verzuimuren",
        "duo_meldingnummer",
    }
)


def _rol_van(by) -> tuple[str, Any]:
    """('school' | 'leerplicht' | '', the acting organisation)."""
    lidmaatschap = lidmaatschap_van(by)
    if lidmaatschap is None:
        return "", None
    if lidmaatschap.rol in SCHOOL_ROLLEN:
        return "school", lidmaatschap.organisatie
    if lidmaatschap.rol == Rol.LEERPLICHTAMBTENAAR:
        return "leerplicht", lidmaatschap.organisatie
    return "", lidmaatschap.organisatie


def _op_tijdlijn(melding: Verzuimmelding, titel: str, toelichting: str = "", by=None) -> None:
    """The event on the tijdlijn of each open case of the pupil (a pupil without a case has no tijdlijn yet)."""
    for casus in Casus.objects.filter(leerling_id=melding.leerling_id).exclude(status__in=sorted(GESLOTEN)):
        tijdlijn_toevoegen(
            casus=casus,
            soort="verzuim",
            titel=titel,
            toelichting=toelichting,
            by=by,
            bron="thuiszitters",
            obj=melding,
        )


def melding_indienen(*, by, leerling: Leerling, velden: dict[str, Any]) -> Verzuimmelding:
    """A school role reports verzuim of a pupil enrolled at its school on the begindatum. Raises
    PermissionDenied for anyone else, ValidationError (Dutch, per field) on bad input; nothing is stored then."""
    soort, school = _rol_van(by)
    if soort != "school" or school.swv_id != leerling.swv_id:
        raise PermissionDenied(_("Alleen de school van de leerling meldt verzuim."))
    onbekend = set(velden) - SCHOOLVELDEN
    if onbekend:
        raise ValidationError(_("Onbekende velden: %(v)s.") % {"v": ", ".join(sorted(onbekend))})
    melding = Verzuimmelding(
        swv_id=leerling.swv_id, leerling=leerling, school=school, ingediend_door=by, **velden
    )
    melding.full_clean()
    begindatum: datetime.date = melding.begindatum
    ingeschreven = Inschrijving.objects.filter(
        leerling=leerling, school=school, ingeschreven_op__lte=begindatum
    ).exclude(uitgeschreven_op__lt=begindatum)
    if not ingeschreven.exists():
        raise ValidationError(
            {"begindatum": _("De leerling stond op de begindatum niet op uw school ingeschreven.")}
        )
    if begindatum > timezone.localdate():
        raise ValidationError({"begindatum": _("De begindatum ligt in de toekomst.")})
    with tracked_write(by):
        melding.save()
        _op_tijdlijn(
            melding,
            _("Verzuimmelding gedaan (%(soort)s)") % {"soort": melding.get_vermoedelijke_soort_display()},
            by=by,
        )
    return melding


def melding_status(
    *,
    by,
    melding: Verzuimmelding,
    naar: str,
    van: str | None = None,
    reden_afgesloten: str = "",
    toelichting: str = "",
) -> Verzuimmelding:
    """Move `melding` to `naar` if the workflow allows it and `by` may make that step: the school withdraws,
    leerplicht (of the pupil's woongemeente) handles. Closing needs a `reden_afgesloten`. With `van` (the status
    the user saw) a melding changed meanwhile is refused. Raises PermissionDenied or ValidationError."""
    soort, organisatie = _rol_van(by)
    if naar not in MeldingStatus.values:
        raise ValidationError({"status": _("Onbekende status „%(naar)s”.") % {"naar": naar}})
    with tracked_write(by):
        huidig = Verzuimmelding.objects.select_for_update().select_related("leerling").get(pk=melding.pk)
        if soort == "school":
            mag = organisatie.pk == huidig.school_id
        elif soort == "leerplicht":
            mag = gemeente_van(organisatie) == huidig.leerling.woongemeente_id
        else:
            mag = False
        if not mag or organisatie.swv_id != huidig.swv_id:
            raise PermissionDenied(_("U behandelt deze melding niet."))
        if van is not None and huidig.status != van:
            raise ValidationError(
                {
                    "status": ValidationError(
                        _(
                            "De status is intussen gewijzigd in „%(nu)s” (u zag „%(toen)s”). Er is niets veranderd."
                        )
                        % {"nu": huidig.get_status_display(), "toen": MeldingStatus(van).label},
                        code="gewijzigd",
                    )
                }
            )
        mogelijk = OVERGANGEN.get(huidig.status, {})
        if mogelijk.get(naar) != soort:
            eigen = [str(MeldingStatus(s).label) for s, wie in mogelijk.items() if wie == soort]
            raise ValidationError(
                {
                    "status": _("Een melding met status „%(van)s” kan niet naar „%(naar)s”. Mogelijk: %(m)s.")
                    % {
                        "van": huidig.get_status_display(),
                        "naar": MeldingStatus(naar).label,
                        "m": ", ".join(eigen) or _("geen"),
                    }
                }
            )
        huidig.status = naar
        if naar == MeldingStatus.AFGESLOTEN:
            huidig.reden_afgesloten = reden_afgesloten
        if soort == "leerplicht":
            huidig.toelichting_gemeente = toelichting or huidig.toelichting_gemeente
            huidig.contactpersoon = by
        if naar in (MeldingStatus.AFGESLOTEN, MeldingStatus.TER_KENNISNEMING, MeldingStatus.INGETROKKEN):
            huidig.afgehandeld_op = timezone.now()
        huidig.full_clean()
        huidig.save()
        _op_tijdlijn(
            huidig,
            _("Verzuimmelding: %(status)s") % {"status": huidig.get_status_display()},
            toelichting=huidig.get_reden_afgesloten_display() if huidig.reden_afgesloten else "",
            by=by,
        )
    return huidig


# --- issue 12, part paginas: the gemeente's part without a status change ---


def contactpersonen(organisatie):
    """The users who may be a melding's gemeentelijke contactpersoon: the active leerplichtambtenaren of
    `organisatie` (the handler's own leerplicht team)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            lidmaatschappen__organisatie=organisatie,
            lidmaatschappen__rol=Rol.LEERPLICHTAMBTENAAR,
            lidmaatschappen__actief=True,
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def melding_gemeentedeel(*, by, melding: Verzuimmelding, toelichting: str, contactpersoon) -> Verzuimmelding:
    """Leerplicht (of the pupil's woongemeente) records its toelichting and the gemeentelijke contactpersoon,
    a leerplichtambtenaar of its own organisation. Also after closing: the contactpersoon and toelichting may
    still change (a new colleague takes over), the status not."""
    soort, organisatie = _rol_van(by)
    with tracked_write(by):
        huidig = Verzuimmelding.objects.select_for_update().select_related("leerling").get(pk=melding.pk)
        if (
            soort != "leerplicht"
            or organisatie.swv_id != huidig.swv_id
            or gemeente_van(organisatie) != huidig.leerling.woongemeente_id
        ):
            raise PermissionDenied(_("U behandelt deze melding niet."))
        if (
            contactpersoon is not None
            and not contactpersonen(organisatie).filter(pk=contactpersoon.pk).exists()
        ):
            raise ValidationError(
                {"contactpersoon": _("Kies een leerplichtambtenaar van uw eigen organisatie.")}
            )
        if huidig.toelichting_gemeente == toelichting and huidig.contactpersoon_id == getattr(
            contactpersoon, "pk", None
        ):
            return huidig
        huidig.toelichting_gemeente = toelichting
        huidig.contactpersoon = contactpersoon
        huidig.full_clean()
        huidig.save(update_fields=["toelichting_gemeente", "contactpersoon"])
    return huidig


def notitie_toevoegen(*, by, melding: Verzuimmelding, soort: str, datum: datetime.date, tekst: str):
    """Leerplicht (of the pupil's woongemeente) records an action or note on `melding`; also on a closed one
    (what happened afterwards). Raises PermissionDenied for anyone else, ValidationError on bad input."""
    from .models import MeldingNotitie

    soort_rol, organisatie = _rol_van(by)
    if (
        soort_rol != "leerplicht"
        or organisatie.swv_id != melding.swv_id
        or gemeente_van(organisatie) != melding.leerling.woongemeente_id
    ):
        raise PermissionDenied(_("U behandelt deze melding niet."))
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("De datum ligt in de toekomst.")})
    notitie = MeldingNotitie(
        swv_id=melding.swv_id,
        melding=melding,
        leerling_id=melding.leerling_id,
        school_id=melding.school_id,
        soort=soort,
        datum=datum,
        tekst=tekst,
        door=by,
    )
    notitie.full_clean()
    with tracked_write(by):
        notitie.save()
    return notitie
