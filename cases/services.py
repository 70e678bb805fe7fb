"""Writes of pupils. Pages, API, imports and tasks all call these; they do not check access
(the caller did, through `get_leerling_for_user` / the rules), they keep the data consistent.

pghistory's triggers record every write with old and new values; the context set here says who.
"""

import datetime
import logging
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from partners.models import Organisatie
from swv.core.services import check_fields, model_update, tracked_write

from .models import Inschrijving, Leerling, Ouder
from .selectors import leerling_zoeken_op_nummer
from .validators import normaliseer_nummer, validate_bsn

__all__ = [
    "LeerlingVelden",
    "bsn_vastleggen",
    "inschrijving_beeindigen",
    "inschrijving_toevoegen",
    "leerling_create",
    "leerling_update",
    "leerling_vinden_of_aanmaken",
    "leerling_zoeken_op_nummer",
    "ouder_bijwerken",
    "ouder_toevoegen",
    "ouder_verwijderen",
]

logger = logging.getLogger(__name__)


class LeerlingVelden(TypedDict, total=False):
    """What a caller may set (the keys of `**fields`; a key left out is not given, None is a value).
    swv, geanonimiseerd_op and the id are never changed through a service."""

    bsn: str | None
    onderwijsnummer: str | None
    voornaam: str
    achternaam: str
    geboortedatum: datetime.date
    school: Organisatie
    woongemeente: Organisatie
    uitgeschreven_op: datetime.date | None


def leerling_create(*, swv, by, **fields: Unpack[LeerlingVelden]) -> Leerling:
    """Create a pupil in `swv`. Raises ValidationError (Dutch messages) and changes nothing on bad input."""
    check_fields(fields, LeerlingVelden)
    leerling = Leerling(swv=swv, **fields)
    leerling.full_clean()
    # The shared write context: a person, a partner system (API client) or the system.
    with tracked_write(by):
        leerling.save()
    # Ids only: never a name or BSN in a log line.
    logger.info("leerling aangemaakt", extra={"leerling_id": leerling.pk, "swv_id": swv.pk})
    return leerling


def leerling_update(*, leerling: Leerling, by, **fields: Unpack[LeerlingVelden]) -> Leerling:
    """Change the given fields of a pupil; saves only what changed (update_fields).

    `school` and `uitgeschreven_op` of a pupil with enrolments follow from them (decision 34: one enrolment
    at a time): a different value is refused in Dutch and nothing changes; a move goes through
    `inschrijving_toevoegen` / `inschrijving_beeindigen`. The row is locked as those services lock it, so an
    enrolment written at the same moment cannot slip between the check and the save."""
    check_fields(fields, LeerlingVelden)
    with tracked_write(by):
        if "school" in fields or "uitgeschreven_op" in fields:
            _check_volgt_inschrijving(leerling, fields)
        changed = model_update(leerling, fields)
    if not changed:
        return leerling
    logger.info("leerling gewijzigd", extra={"leerling_id": leerling.pk, "velden": sorted(changed)})
    return leerling


def _check_volgt_inschrijving(leerling: Leerling, fields) -> None:
    """Refuse a school or end date that differs from what the pupil's enrolments say (see leerling_update)."""
    Leerling.objects.select_for_update().filter(pk=leerling.pk).first()
    lopend = leerling.inschrijvingen.filter(uitgeschreven_op__isnull=True).first()
    huidig = lopend or leerling.inschrijvingen.order_by("-ingeschreven_op", "-pk").first()
    if huidig is None:
        return  # no enrolments recorded (yet): the pupil's own school is the record
    fouten = {}
    school = fields.get("school", huidig.school)
    if "school" in fields and getattr(school, "pk", school) != huidig.school_id:
        fouten["school"] = _(
            "De school volgt uit de inschrijvingen (nu %(school)s). Schrijf de leerling in bij de nieuwe "
            "school; de lopende inschrijving wordt dan beëindigd."
        ) % {"school": huidig.school}
    if "uitgeschreven_op" in fields and fields["uitgeschreven_op"] != huidig.uitgeschreven_op:
        fouten["uitgeschreven_op"] = _(
            "De datum van uitschrijving volgt uit de inschrijvingen; beëindig of voeg een inschrijving toe."
        )
    if fouten:
        raise ValidationError(fouten)


# --- issue 10, part leerlingen: enrolments, ouders, BSN, one pupil per SWV ---------------------------------
#
# Enrolments (decision, docs/decisions.md): a pupil is enrolled at one school at a time. Dutch schools
# de-enrol a pupil only once another school has enrolled them, so a new enrolment at another school ends the
# open one on the day before ("overgeschreven"); a period that overlaps an ended enrolment is refused. The
# exceptions the law knows (symbiose, a GGZ school's temporary placement) keep the school of origin as the
# enrolment and are recorded on the case, not as a second enrolment. `Leerling.school` is the school of the
# current (or last) enrolment and `Leerling.uitgeschreven_op` its end date (None while it runs).


class InschrijvingVelden(TypedDict, total=False):
    school: Organisatie
    ingeschreven_op: datetime.date


class OuderVelden(TypedDict, total=False):
    voornaam: str
    achternaam: str
    relatie: str
    gezag: bool
    telefoon: str
    email: str
    adres: str


def _schoolfout(school: Organisatie, swv) -> ValidationError | None:
    if school.soort != "school":
        return ValidationError({"school": _("Kies een school (vestiging).")})
    if school.swv_id != getattr(swv, "pk", swv):
        return ValidationError({"school": _("Deze school werkt niet met dit samenwerkingsverband.")})
    return None


def _leerling_bijwerken_naar_inschrijving(leerling: Leerling) -> None:
    """Keep `Leerling.school` / `uitgeschreven_op` in step with the current (or last) enrolment."""
    lopend = leerling.inschrijvingen.filter(uitgeschreven_op__isnull=True).first()
    huidig = lopend or leerling.inschrijvingen.order_by("-ingeschreven_op", "-pk").first()
    if huidig is None:
        return
    model_update(leerling, {"school": huidig.school, "uitgeschreven_op": huidig.uitgeschreven_op})


def inschrijving_toevoegen(
    *, leerling: Leerling, by, school: Organisatie, ingeschreven_op: datetime.date
) -> Inschrijving:
    """Enrol `leerling` at `school` (a school of the registry, same SWV) from `ingeschreven_op`.

    An enrolment still running at another school that started earlier ends the day before (a move); a
    running one at the same school makes this a no-op error, and any overlap with an ended period is
    refused. Raises ValidationError (Dutch, on `school` or `ingeschreven_op`); nothing is stored then.
    """
    if (fout := _schoolfout(school, leerling.swv_id)) is not None:
        raise fout
    if leerling.geboortedatum and ingeschreven_op < leerling.geboortedatum:
        raise ValidationError({"ingeschreven_op": _("De datum van inschrijving ligt voor de geboortedatum.")})
    with tracked_write(by):
        # Serialise enrolment changes of one pupil: two schools enrolling at once cannot both pass.
        Leerling.objects.select_for_update().filter(pk=leerling.pk).first()
        overlap = leerling.inschrijvingen.filter(
            uitgeschreven_op__isnull=False, uitgeschreven_op__gte=ingeschreven_op
        ).first()
        if overlap is not None:
            raise ValidationError(
                {
                    "ingeschreven_op": _(
                        "Deze datum valt in de inschrijving bij %(school)s (%(van)s tot en met %(tot)s)."
                    )
                    % {
                        "school": overlap.school,
                        "van": f"{overlap.ingeschreven_op:%d-%m-%Y}",
                        "tot": f"{overlap.uitgeschreven_op:%d-%m-%Y}",
                    }
                }
            )
        lopend = leerling.inschrijvingen.filter(uitgeschreven_op__isnull=True).first()
        if lopend is not None:
            if lopend.school_id == school.pk:
                raise ValidationError(
                    {
                        "school": _("De leerling staat al ingeschreven bij deze school (sinds %(datum)s).")
                        % {"datum": f"{lopend.ingeschreven_op:%d-%m-%Y}"}
                    }
                )
            if lopend.ingeschreven_op >= ingeschreven_op:
                raise ValidationError(
                    {
                        "ingeschreven_op": _(
                            "De lopende inschrijving bij %(school)s begint op %(datum)s; een nieuwe inschrijving "
                            "moet later beginnen."
                        )
                        % {"school": lopend.school, "datum": f"{lopend.ingeschreven_op:%d-%m-%Y}"}
                    }
                )
        if lopend is not None:
            lopend.uitgeschreven_op = ingeschreven_op - datetime.timedelta(days=1)
            lopend.reden_uitschrijving = str(_("Overgeschreven naar %(school)s") % {"school": school})[:200]
            lopend.full_clean()
            lopend.save(update_fields=["uitgeschreven_op", "reden_uitschrijving"])
        inschrijving = Inschrijving(
            swv_id=leerling.swv_id, leerling=leerling, school=school, ingeschreven_op=ingeschreven_op
        )
        inschrijving.full_clean()
        inschrijving.save()
        _leerling_bijwerken_naar_inschrijving(leerling)
    logger.info(
        "inschrijving toegevoegd", extra={"leerling_id": leerling.pk, "inschrijving_id": inschrijving.pk}
    )
    return inschrijving


def inschrijving_beeindigen(
    *, inschrijving: Inschrijving, by, uitgeschreven_op: datetime.date, reden: str = ""
) -> Inschrijving:
    """End a running enrolment on `uitgeschreven_op` (the last day); the pupil is then uitgeschreven
    (until a new enrolment). Ending an ended one again, or before its start, is a Dutch error."""
    if inschrijving.uitgeschreven_op is not None:
        raise ValidationError(
            {
                "uitgeschreven_op": _("Deze inschrijving is al beëindigd op %(datum)s.")
                % {"datum": f"{inschrijving.uitgeschreven_op:%d-%m-%Y}"}
            }
        )
    with tracked_write(by):
        Leerling.objects.select_for_update().filter(pk=inschrijving.leerling_id).first()
        model_update(inschrijving, {"uitgeschreven_op": uitgeschreven_op, "reden_uitschrijving": reden})
        _leerling_bijwerken_naar_inschrijving(inschrijving.leerling)
    logger.info(
        "inschrijving beëindigd",
        extra={"leerling_id": inschrijving.leerling_id, "inschrijving_id": inschrijving.pk},
    )
    return inschrijving


def ouder_toevoegen(*, leerling: Leerling, by, **fields: Unpack[OuderVelden]) -> Ouder:
    """Add an ouder/verzorger with contact details and whether they hold parental authority (gezag)."""
    check_fields(fields, OuderVelden)
    ouder = Ouder(swv_id=leerling.swv_id, leerling=leerling, **fields)
    ouder.full_clean()
    with tracked_write(by):
        ouder.save()
    logger.info("ouder toegevoegd", extra={"leerling_id": leerling.pk, "ouder_id": ouder.pk})
    return ouder


def ouder_bijwerken(*, ouder: Ouder, by, **fields: Unpack[OuderVelden]) -> Ouder:
    """Change the given fields of an ouder/verzorger; saves only what changed."""
    check_fields(fields, OuderVelden)
    with tracked_write(by):
        changed = model_update(ouder, fields)
    if changed:
        logger.info("ouder gewijzigd", extra={"ouder_id": ouder.pk, "velden": sorted(changed)})
    return ouder


def ouder_verwijderen(*, ouder: Ouder, by) -> None:
    """Remove an ouder/verzorger entered by mistake (the history keeps the row). An ouder who gave consent
    or sits in an ondersteuningsteam stays: that is evidence; a Dutch error says so."""
    leerling_id = ouder.leerling_id
    try:
        with tracked_write(by):
            ouder.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _(
                "Deze ouder/verzorger kan niet worden verwijderd: er is toestemming of lidmaatschap van een "
                "ondersteuningsteam op deze persoon vastgelegd. Pas zo nodig het gezag of de contactgegevens aan."
            ),
            code="protected",
        ) from exc
    logger.info("ouder verwijderd", extra={"leerling_id": leerling_id})


def bsn_vastleggen(*, leerling: Leerling, by, bsn: str) -> Leerling:
    """Record the pupil's BSN once it is known: it replaces the onderwijsnummer, which is cleared (the
    history keeps the old value). A BSN another pupil of the SWV already has is a Dutch error on `bsn`;
    the number is never logged."""
    bsn = normaliseer_nummer(bsn)
    validate_bsn_veld(bsn)
    if leerling.bsn == bsn and not leerling.onderwijsnummer:
        return leerling
    if Leerling.objects.filter(swv_id=leerling.swv_id, bsn=bsn).exclude(pk=leerling.pk).exists():
        raise ValidationError(
            {"bsn": _("Er is in dit samenwerkingsverband al een andere leerling met dit BSN.")}, code="dubbel"
        )
    with tracked_write(by):
        # The database's unique constraint decides a race with another write (a Dutch error on `bsn`).
        model_update(leerling, {"bsn": bsn, "onderwijsnummer": None})
    logger.info("bsn vastgelegd", extra={"leerling_id": leerling.pk})
    return leerling


def validate_bsn_veld(bsn: str) -> None:
    try:
        validate_bsn(bsn)
    except ValidationError as exc:
        raise ValidationError({"bsn": exc.messages}) from exc


class LeerlingGegevens(TypedDict, total=False):
    """What an aanmelding knows of a pupil, for `leerling_vinden_of_aanmaken` (used only to create one)."""

    voornaam: str
    achternaam: str
    geboortedatum: datetime.date
    school: Organisatie
    woongemeente: Organisatie


def leerling_vinden_of_aanmaken(
    *,
    swv,
    by,
    bsn: str | None = None,
    onderwijsnummer: str | None = None,
    ingeschreven_op: datetime.date | None = None,
    **fields: Unpack[LeerlingGegevens],
) -> tuple[Leerling, bool]:
    """The pupil of `swv` with this BSN or onderwijsnummer, else a new one: (leerling, created).

    One pupil is one record per SWV: an aanmelding for a known pupil reuses it and changes nothing of its
    details (names, school: the caller decides what to do with differences). When the pupil is found by
    onderwijsnummer and a BSN is given that the pupil did not have yet, the BSN is recorded
    (`bsn_vastleggen`). A new pupil needs `fields` (voornaam, achternaam, geboortedatum, school,
    woongemeente); with `ingeschreven_op` it is enrolled at `school` from that day. Two calls at the same
    moment for the same new pupil create one: the loser of the race finds the winner's row.
    """
    check_fields(fields, LeerlingGegevens)
    bsn = normaliseer_nummer(bsn or "") or None
    onderwijsnummer = normaliseer_nummer(onderwijsnummer or "") or None
    if not bsn and not onderwijsnummer:
        raise ValidationError({"bsn": _("Vul een BSN of een onderwijsnummer in.")})
    for poging in range(2):
        gevonden = _vind(swv, bsn, onderwijsnummer)
        if gevonden is not None:
            if bsn and gevonden.bsn != bsn and not gevonden.bsn:
                bsn_vastleggen(leerling=gevonden, by=by, bsn=bsn)
            return gevonden, False
        try:
            with tracked_write(by):
                leerling = leerling_create(
                    swv=swv,
                    by=by,
                    bsn=bsn,
                    # The BSN replaces the onderwijsnummer: a pupil with both keeps only the BSN.
                    onderwijsnummer=None if bsn else onderwijsnummer,
                    **fields,
                )
                if ingeschreven_op is not None:
                    inschrijving_toevoegen(
                        leerling=leerling, by=by, school=fields["school"], ingeschreven_op=ingeschreven_op
                    )
            return leerling, True
        except ValidationError as exc:
            # Another request created the same pupil meanwhile (the unique constraint decided): find it.
            nummerfout = {"bsn", "onderwijsnummer"} & set(getattr(exc, "error_dict", {}))
            if poging or not nummerfout or _vind(swv, bsn, onderwijsnummer) is None:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _vind(swv, bsn: str | None, onderwijsnummer: str | None) -> Leerling | None:
    if bsn and (leerling := leerling_zoeken_op_nummer(swv, bsn)) is not None:
        return leerling
    if onderwijsnummer:
        return leerling_zoeken_op_nummer(swv, onderwijsnummer)
    return None
