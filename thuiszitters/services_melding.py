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
from cases.querysets import gemeente_van, scholen_van_client
from cases.tijdlijn import tijdlijn_toevoegen
from cases.workflow import GESLOTEN
from partners.models import Organisatie
from swv.core.acting import lidmaatschap_van
from swv.core.models import SCHOOL_ROLLEN, Lidmaatschap, Rol
from swv.core.services import tracked_write

from .models import Verzuimmelding
from .models.melding import MeldingStatus
from .workflow import EINDSTATUSSEN, OVERGANGEN

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


def rol_van(by) -> tuple[str, Any]:
    """('school' | 'leerplicht' | '', the acting organisation). A partner system acts as its organisation would
    (thuiszitters/querysets.py): a school's or schoolbestuur's system as a school, a gemeente's or leerplicht
    organisation's system as leerplicht, any other system as neither."""
    if getattr(by, "is_api_client", False):
        organisatie = by.api_client.organisatie
        if organisatie.soort in ("school", "schoolbestuur"):
            return "school", organisatie
        if organisatie.soort in ("gemeente", "leerplicht"):
            return "leerplicht", organisatie
        return "", organisatie
    lidmaatschap = lidmaatschap_van(by)
    if lidmaatschap is None:
        return "", None
    if lidmaatschap.rol in SCHOOL_ROLLEN:
        return "school", lidmaatschap.organisatie
    if lidmaatschap.rol == Rol.LEERPLICHTAMBTENAAR:
        return "leerplicht", lidmaatschap.organisatie
    return "", lidmaatschap.organisatie


_rol_van = rol_van


def _voor_school(by, organisatie, school_id: int) -> bool:
    """`by` (acting as a school through `organisatie`) works for the school `school_id`: a person for the
    school of their membership, a partner system for its schools (`cases.querysets.scholen_van_client`, the
    rule the visibility and absence batches use)."""
    if getattr(by, "is_api_client", False):
        return Organisatie.objects.filter(scholen_van_client(by.api_client), pk=school_id).exists()
    return organisatie.pk == school_id


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


def melding_indienen(
    *, by, leerling: Leerling, velden: dict[str, Any], school=None, extern_id: str = ""
) -> Verzuimmelding:
    """A school role (or a school's or schoolbestuur's partner system, for `school`) reports verzuim of a
    pupil enrolled at its school on the begindatum; `extern_id` is a partner system's own reference. Raises
    PermissionDenied for anyone else, ValidationError (Dutch, per field) on bad input; nothing is stored then."""
    soort, organisatie = _rol_van(by)
    if soort != "school" or organisatie.swv_id != leerling.swv_id:
        raise PermissionDenied(_("Alleen de school van de leerling meldt verzuim."))
    if school is None:
        school = organisatie
    if school.soort != "school" or not _voor_school(by, organisatie, school.pk):
        raise PermissionDenied(_("U meldt alleen verzuim voor uw eigen school."))
    onbekend = set(velden) - SCHOOLVELDEN
    if onbekend:
        raise ValidationError(_("Onbekende velden: %(v)s.") % {"v": ", ".join(sorted(onbekend))})
    is_client = getattr(by, "is_api_client", False)
    melding = Verzuimmelding(
        swv_id=leerling.swv_id,
        leerling=leerling,
        school=school,
        ingediend_door=None if is_client else by,
        api_client=by.api_client if is_client else None,
        extern_id=extern_id,
        **velden,
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


def _vergrendel(by, melding: Verzuimmelding) -> tuple[str, Verzuimmelding]:
    """Lock the melding's row and check that `by` may act on it: the school of the melding (or a system of
    its school or schoolbestuur), or leerplicht of the pupil's woongemeente. Returns (soort, the locked row)."""
    soort, organisatie = _rol_van(by)
    huidig = Verzuimmelding.objects.select_for_update().select_related("leerling").get(pk=melding.pk)
    if soort == "school":
        mag = _voor_school(by, organisatie, huidig.school_id)
    elif soort == "leerplicht":
        mag = gemeente_van(organisatie) == huidig.leerling.woongemeente_id
    else:
        mag = False
    if not mag or organisatie.swv_id != huidig.swv_id:
        raise PermissionDenied(_("U behandelt deze melding niet."))
    return soort, huidig


# What may change once a melding is final (afgesloten, ingetrokken, ter kennisneming aangenomen; workflow
# EINDSTATUSSEN). THE one rule, used by every write here (pages and API alike):
# - the melding itself does not change any more: no status step, not the school's fields, not the gemeente's
#   part (toelichting, contactpersoon). There is no reopening (the workflow has no step out of a final
#   status): a new situation is a new melding, which also starts a new meldplicht window.
# - leerplicht may still add actions and notes (`notitie_toevoegen`): they are a dated log of what happened
#   afterwards, next to the melding, not a change of it.
# Refused with code "afgerond" (409 in the API, the Dutch message on the page).
def controleer_wijzigbaar(melding: Verzuimmelding) -> None:
    """Raise ValidationError (code "afgerond") when `melding` is final and so does not change any more."""
    if melding.status in EINDSTATUSSEN:
        raise ValidationError(
            {
                "status": ValidationError(
                    _(
                        "Deze melding is %(status)s en verandert niet meer. Een nieuwe situatie is een nieuwe melding."
                    )
                    % {"status": melding.get_status_display().lower()},
                    code="afgerond",
                )
            }
        )


def _controleer_van(huidig: Verzuimmelding, van: str | None) -> None:
    """With `van` (the status the user saw): refuse when the melding's status changed meanwhile."""
    if van is not None and huidig.status != van:
        toen = MeldingStatus(van).label if van in MeldingStatus.values else van
        raise ValidationError(
            {
                "status": ValidationError(
                    _(
                        "De status is intussen gewijzigd in „%(nu)s” (u zag „%(toen)s”). Er is niets veranderd."
                    )
                    % {"nu": huidig.get_status_display(), "toen": toen},
                    code="gewijzigd",
                )
            }
        )


def _controleer_contactpersoon(huidig: Verzuimmelding, contactpersoon) -> None:
    """A contactpersoon (not None / `ZELF`) must be one of `_contactpersonen_van` (the page offers those of the
    handler's own organisation, the API finds one by e-mail)."""
    if contactpersoon is None or contactpersoon is ZELF:
        return
    if not _contactpersonen_van(huidig, user=contactpersoon):
        raise ValidationError(
            {"contactpersoon": _("Kies een leerplichtambtenaar van de woongemeente van de leerling.")}
        )


# The `contactpersoon` default, "not given": `melding_status` then makes the person handling it the
# contactpersoon (a partner system leaves it as it is), `melding_bijwerken` leaves it. None means: none.
ZELF: Any = object()


def _contactpersonen_van(melding: Verzuimmelding, **filter_) -> list:
    """The users who may be the gemeentelijke contactpersoon of `melding`: active leerplichtambtenaren of the
    SWV whose organisation works for the pupil's woongemeente (optionally narrowed by `filter_`)."""
    woongemeente = melding.leerling.woongemeente_id
    return [
        lidmaatschap.user
        for lidmaatschap in Lidmaatschap.objects.filter(
            swv_id=melding.swv_id, rol=Rol.LEERPLICHTAMBTENAAR, actief=True, **filter_
        ).select_related("user", "organisatie")
        # A pupil without a woongemeente has no contactpersoon (nobody "works for" no gemeente).
        if woongemeente is not None and gemeente_van(lidmaatschap.organisatie) == woongemeente
    ]


def contactpersoon_zoeken(*, melding: Verzuimmelding, email: str):
    """The person with this e-mail address who may be the gemeentelijke contactpersoon of `melding` (see
    `_contactpersonen_van`). None when there is none (a partner system names its contactpersoon by e-mail; a
    person handling a melding becomes it)."""
    gevonden = _contactpersonen_van(melding, user__email__iexact=email.strip())
    return gevonden[0] if gevonden else None


def melding_status(
    *,
    by,
    melding: Verzuimmelding,
    naar: str,
    van: str | None = None,
    reden_afgesloten: str = "",
    toelichting: str = "",
    contactpersoon: Any = ZELF,
) -> Verzuimmelding:
    """Move `melding` to `naar` if the workflow allows it and `by` may make that step: the school withdraws,
    leerplicht (of the pupil's woongemeente) handles. Closing needs a `reden_afgesloten`. With `van` (the status
    the user saw) a melding changed meanwhile is refused (code "gewijzigd"); a step the workflow does not allow
    from the current status has code "overgang", any step on a final melding code "afgerond" (`controleer_wijzigbaar`).
    Leerplicht's `toelichting` is stored with the step; the contactpersoon is by default (`ZELF`) the person
    handling it, else `contactpersoon` (None: none; checked as in `melding_bijwerken`). Raises PermissionDenied
    or ValidationError."""
    if naar not in MeldingStatus.values:
        raise ValidationError({"status": _("Onbekende status „%(naar)s”.") % {"naar": naar}})
    with tracked_write(by):
        soort, huidig = _vergrendel(by, melding)
        _controleer_van(huidig, van)
        controleer_wijzigbaar(huidig)
        if soort == "leerplicht":
            _controleer_contactpersoon(huidig, contactpersoon)
        mogelijk = OVERGANGEN.get(huidig.status, {})
        if mogelijk.get(naar) != soort:
            eigen = [str(MeldingStatus(s).label) for s, wie in mogelijk.items() if wie == soort]
            raise ValidationError(
                {
                    "status": ValidationError(
                        _("Een melding met status „%(van)s” kan niet naar „%(naar)s”. Mogelijk: %(m)s.")
                        % {
                            "van": huidig.get_status_display(),
                            "naar": MeldingStatus(naar).label,
                            "m": ", ".join(eigen) or _("geen"),
                        },
                        code="overgang",
                    )
                }
            )
        huidig.status = naar
        if naar == MeldingStatus.AFGESLOTEN:
            huidig.reden_afgesloten = reden_afgesloten
        if soort == "leerplicht":
            huidig.toelichting_gemeente = toelichting or huidig.toelichting_gemeente
            if contactpersoon is not ZELF:
                huidig.contactpersoon = contactpersoon
            elif not getattr(by, "is_api_client", False):
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


def melding_bijwerken(
    *,
    by,
    melding: Verzuimmelding,
    toelichting: str | None = None,
    contactpersoon: Any = ZELF,
    van: str | None = None,
) -> Verzuimmelding:
    """Leerplicht (of the pupil's woongemeente) updates its part without a status step: the toelichting
    (None: unchanged) and the gemeentelijke contactpersoon (`ZELF`: unchanged; None: none), a
    leerplichtambtenaar of its own organisation (a partner system: of the pupil's woongemeente). The page and
    the API both write here. With `van` a status change meanwhile is refused (code "gewijzigd"); a final
    melding does not change (`controleer_wijzigbaar`, code "afgerond"). Nothing changed: nothing written."""
    with tracked_write(by):
        soort, huidig = _vergrendel(by, melding)
        if soort != "leerplicht":
            raise PermissionDenied(_("Alleen leerplicht vult het deel van de gemeente in."))
        _controleer_van(huidig, van)
        controleer_wijzigbaar(huidig)
        _controleer_contactpersoon(huidig, contactpersoon)
        nieuw_toelichting = huidig.toelichting_gemeente if toelichting is None else toelichting
        nieuw_contact = (
            huidig.contactpersoon_id if contactpersoon is ZELF else getattr(contactpersoon, "pk", None)
        )
        if (nieuw_toelichting, nieuw_contact) == (huidig.toelichting_gemeente, huidig.contactpersoon_id):
            return huidig
        huidig.toelichting_gemeente = nieuw_toelichting
        huidig.contactpersoon_id = nieuw_contact
        huidig.full_clean()
        huidig.save(update_fields=["toelichting_gemeente", "contactpersoon"])
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


def notitie_toevoegen(*, by, melding: Verzuimmelding, soort: str, datum: datetime.date, tekst: str):
    """Leerplicht (of the pupil's woongemeente) records an action or note on `melding`; also on a final one (what
    happened afterwards: the one exception of `controleer_wijzigbaar`, a note is no change of the melding).
    Raises PermissionDenied for anyone else, ValidationError on bad input."""
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
