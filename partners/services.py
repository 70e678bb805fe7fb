"""Writes of the partner registry. Pages, API, the DUO import and tasks call these; they do not check
access (the caller did, through `selectors.get_X_for_user` / the `partners.wijzigen` rule), they keep
the data consistent: keyword-only, full_clean (Dutch messages), one transaction, nothing half-saved.

pghistory's triggers record every write with old and new values; the context set here says who.
Nothing is deleted: organisations, roles and provisions end (einddatum / tot), so history stays.
"""

import copy
import datetime
import logging
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from swv.core.constraints import constraint_fout
from swv.core.models import User
from swv.core.services import (
    UNSET,
    Unset,
    check_fields,
    check_same_swv,
    is_person,
    model_update,
    set_changed,
    tracked_write,
)

from . import selectors
from .models import (
    Afspraak,
    AfspraakHerinnering,
    Jeugdzorgregio,
    Organisatie,
    Persoon,
    Sleutelfiguur,
    Voorziening,
)

logger = logging.getLogger(__name__)

# What a caller may set, per model: the keys of `**fields` (mypy checks the call sites against these,
# `check_fields` checks them at run time). A key left out is not given (an update leaves the field alone);
# None is a value. swv and the ids are never changed through a service.


class OrganisatieVelden(TypedDict, total=False):
    naam: str
    soort: str
    code: str
    gemeente: Organisatie | None
    soort_onderwijs: str
    schoolbestuur: Organisatie | None
    bevoegd_gezag_nummer: str
    denominatie: str
    straat: str
    huisnummer: str
    postcode: str
    plaats: str
    telefoon: str
    email: str
    website: str
    jeugdzorgregio: Jeugdzorgregio | None
    # A school's holiday region (thuiszitters: holiday weeks are not lesweken); kept in the admin for now.
    vakantieregio: str
    in_werkgebied: bool
    actief: bool
    einddatum: datetime.date | None


class PersoonVelden(TypedDict, total=False):
    voornaam: str
    tussenvoegsel: str
    achternaam: str
    email: str
    telefoon: str


class SleutelfiguurVelden(TypedDict, total=False):
    """Organisation and person are not changed in place: a move is `sleutelfiguur_verhuizen` (history)."""

    functie: str
    niveau: str
    onderwerpen: Sequence[str]
    telefoon: str
    email: str
    van: datetime.date
    tot: datetime.date | None


class AfspraakVelden(TypedDict, total=False):
    soort: str
    titel: str
    ingangsdatum: datetime.date
    einddatum: datetime.date | None
    document: File | str  # an upload, or "" for none
    eigenaar: User | None
    evaluatiedatum: datetime.date | None
    toelichting: str


class VoorzieningVelden(TypedDict, total=False):
    naam: str
    aanbieder: Organisatie
    doelgroep: str
    sector: str
    capaciteit: int
    bezetting: int
    wachttijd_weken: int
    kosten_per_plek: Decimal | None
    ingangsdatum: datetime.date | None
    einddatum: datetime.date | None
    beschrijving: str


def _check_organisaties(
    veld: str, swv, organisaties: Iterable[Organisatie], *, alleen_gemeenten: bool = False
) -> list[Organisatie]:
    """Linked organisations must be of the same SWV (tenancy), and gemeenten where only those fit."""
    organisaties = check_same_swv(
        veld,
        swv,
        organisaties,
        message=_("Een van de gekozen organisaties hoort bij een ander samenwerkingsverband."),
    )
    if alleen_gemeenten:
        geen = [o.naam for o in organisaties if o.soort != Organisatie.Soort.GEMEENTE]
        if geen:
            raise ValidationError(
                {
                    veld: _("Kies alleen gemeenten; dit zijn geen gemeenten: %(namen)s.")
                    % {"namen": ", ".join(geen)}
                }
            )
    return organisaties


# --- organisaties ---


# The code of the refusal of a probable duplicate: a page offers "toch toevoegen", the API `dubbelToegestaan`.
MOGELIJK_DUBBEL = "mogelijk_dubbel"


def _weiger_dubbel(organisatie: Organisatie, *, wijzigen: bool = False) -> None:
    """Refuse `organisatie` (new, or with its changed values set) when another organisation of its SWV has
    the same name, soort and gemeente: a ValidationError on `naam` with code `mogelijk_dubbel`."""
    bestaand = selectors.dubbele_organisatie(
        swv=organisatie.swv_id,
        naam=organisatie.naam,
        soort=organisatie.soort,
        gemeente=organisatie.gemeente_id,
        behalve=organisatie.pk,
    )
    if bestaand is None:
        return
    if organisatie.code and bestaand.code == organisatie.code:
        # The same code saved meanwhile (a race past full_clean): the code is the precise reason.
        raise constraint_fout("organisatie_code_uniek_per_swv")
    if wijzigen:
        melding = _(
            "Er staat al een organisatie ‘%(naam)s’ van deze soort in deze gemeente in het register "
            "(nummer %(id)s). Sla alleen op als het echt een andere organisatie is."
        )
    else:
        melding = _(
            "Er staat al een organisatie ‘%(naam)s’ van deze soort in deze gemeente in het register "
            "(nummer %(id)s). Voeg alleen toe als het echt een andere organisatie is."
        )
    raise ValidationError(
        {
            "naam": ValidationError(
                melding, code=MOGELIJK_DUBBEL, params={"naam": bestaand.naam, "id": bestaand.pk}
            )
        }
    )


def organisatie_create(
    *,
    swv,
    by,
    werkgebied: Iterable[Organisatie] = (),
    dubbel_toegestaan: bool = False,
    **fields: Unpack[OrganisatieVelden],
) -> Organisatie:
    """Add an organisation to `swv`'s registry. Raises ValidationError (Dutch) and saves nothing on bad input.

    An organisation with the same name, soort and gemeente is refused on `naam` (code `mogelijk_dubbel`)
    unless `dubbel_toegestaan`: two branches of one chain may share a name, a typo twice may not.
    """
    check_fields(fields, OrganisatieVelden)
    organisatie = Organisatie(swv=swv, **fields)
    organisatie.full_clean()
    if not dubbel_toegestaan:
        _weiger_dubbel(organisatie)
    werkgebied = _check_organisaties("werkgebied", swv, werkgebied, alleen_gemeenten=True)
    with tracked_write(by):
        organisatie.save()
        if werkgebied:
            organisatie.werkgebied.set(werkgebied)
    logger.info("organisatie aangemaakt", extra={"organisatie_id": organisatie.pk, "swv_id": swv.pk})
    return organisatie


def organisatie_update(
    *,
    organisatie: Organisatie,
    by,
    werkgebied: Iterable[Organisatie] | Unset = UNSET,
    dubbel_toegestaan: bool = False,
    **fields: Unpack[OrganisatieVelden],
) -> Organisatie:
    """Change the given fields (and, when given, the werkgebied); saves only what changed.

    A change of name, soort or gemeente that makes it equal to another organisation is refused as in
    `organisatie_create` (code `mogelijk_dubbel`) unless `dubbel_toegestaan`. Other changes are not
    checked: a duplicate confirmed before stays editable without asking again.
    """
    check_fields(fields, OrganisatieVelden)
    if not dubbel_toegestaan and _wijzigt_identiteit(organisatie, fields):
        # Validate the proposal first, as adding does: a bad postcode is named along with the rename.
        voorstel = copy.copy(organisatie)
        set_changed(voorstel, fields)
        voorstel.full_clean()
        _weiger_dubbel(voorstel, wijzigen=True)
    if werkgebied is not UNSET:
        werkgebied = _check_organisaties("werkgebied", organisatie.swv, werkgebied, alleen_gemeenten=True)
        if any(g.pk == organisatie.pk for g in werkgebied):
            raise ValidationError({"werkgebied": _("Een gemeente kan niet haar eigen werkgebied zijn.")})
    with tracked_write(by):
        changed = model_update(organisatie, fields)
        if werkgebied is not UNSET:
            organisatie.werkgebied.set(werkgebied)
    logger.info("organisatie gewijzigd", extra={"organisatie_id": organisatie.pk, "velden": sorted(changed)})
    return organisatie


def _wijzigt_identiteit(organisatie: Organisatie, fields: OrganisatieVelden) -> bool:
    """Whether `fields` change what makes two organisations probably the same: name, soort or gemeente."""
    naam = fields.get("naam", organisatie.naam)
    gemeente = fields.get("gemeente", organisatie.gemeente)
    return (
        (naam or "").strip().lower() != (organisatie.naam or "").strip().lower()
        or fields.get("soort", organisatie.soort) != organisatie.soort
        or getattr(gemeente, "pk", None) != organisatie.gemeente_id
    )


def organisatie_beeindigen(*, organisatie: Organisatie, by, per: datetime.date | None = None) -> Organisatie:
    """End the cooperation: inactive, einddatum `per` (today) unless already set. Idempotent; deletes nothing."""
    fields: OrganisatieVelden = {"actief": False}
    if organisatie.einddatum is None:
        fields["einddatum"] = per or timezone.localdate()
    return organisatie_update(organisatie=organisatie, by=by, **fields)


# --- personen en sleutelfiguren ---


def persoon_create(*, swv, by, **fields: Unpack[PersoonVelden]) -> Persoon:
    check_fields(fields, PersoonVelden)
    persoon = Persoon(swv=swv, **fields)
    persoon.full_clean()
    with tracked_write(by):
        persoon.save()
    return persoon


def persoon_update(*, persoon: Persoon, by, **fields: Unpack[PersoonVelden]) -> Persoon:
    check_fields(fields, PersoonVelden)
    with tracked_write(by):
        model_update(persoon, fields)
    return persoon


def sleutelfiguur_create(
    *,
    organisatie: Organisatie,
    functie: str,
    niveau: str,
    by,
    swv=None,
    persoon: Persoon | PersoonVelden | None = None,
    persoon_id: int | None = None,
    voornaam: str = "",
    tussenvoegsel: str = "",
    achternaam: str = "",
    onderwerpen: Iterable[str] = (),
    gemeenten: Iterable[Organisatie] = (),
    telefoon: str = "",
    email: str = "",
    van: datetime.date | None = None,
    tot: datetime.date | None = None,
) -> Sleutelfiguur:
    """A role of a person at an organisation, starting `van` (today).

    The person is an existing `Persoon` (or `persoon_id`), a dict of new-person fields, or, when neither is
    given, a new person from voornaam/tussenvoegsel/achternaam. Person and role are saved together or not.
    """
    swv = swv or organisatie.swv
    check_same_swv(
        "organisatie",
        swv,
        [organisatie],
        message=_("Deze organisatie hoort bij een ander samenwerkingsverband."),
    )
    if persoon is None and persoon_id is not None:
        persoon = Persoon.objects.filter(swv=swv, pk=persoon_id).first()
        if persoon is None:
            raise ValidationError(
                {"persoon": _("Deze persoon bestaat niet (meer) in dit samenwerkingsverband.")}
            )
    nieuwe_persoon = None
    if not isinstance(persoon, Persoon):
        gegevens: PersoonVelden = persoon or {
            "voornaam": voornaam,
            "tussenvoegsel": tussenvoegsel,
            "achternaam": achternaam,
        }
        check_fields(gegevens, PersoonVelden)
        nieuwe_persoon = Persoon(swv=swv, **gegevens)
        try:
            nieuwe_persoon.full_clean()
        except ValidationError as e:
            # Name the form's fields (voornaam, achternaam), so the message lands next to the input.
            raise ValidationError(e.message_dict) from None
        persoon = nieuwe_persoon
    sleutelfiguur = Sleutelfiguur(
        swv=swv,
        persoon=persoon,
        organisatie=organisatie,
        functie=functie,
        niveau=niveau,
        onderwerpen=[o.strip() for o in onderwerpen if o and o.strip()],
        telefoon=telefoon,
        email=email,
        van=van or timezone.localdate(),
        tot=tot,
    )
    gemeenten = _check_organisaties("gemeenten", swv, gemeenten, alleen_gemeenten=True)
    sleutelfiguur.full_clean(exclude=["persoon"] if nieuwe_persoon else None)
    with tracked_write(by):
        if nieuwe_persoon is not None:
            nieuwe_persoon.save()
            sleutelfiguur.persoon = nieuwe_persoon
        sleutelfiguur.save()
        if gemeenten:
            sleutelfiguur.gemeenten.set(gemeenten)
    logger.info("sleutelfiguur aangemaakt", extra={"sleutelfiguur_id": sleutelfiguur.pk, "swv_id": swv.pk})
    return sleutelfiguur


def sleutelfiguur_update(
    *,
    sleutelfiguur: Sleutelfiguur,
    by,
    gemeenten: Iterable[Organisatie] | Unset = UNSET,
    **fields: Unpack[SleutelfiguurVelden],
) -> Sleutelfiguur:
    """Change a role's details. Another organisation is a move (`sleutelfiguur_verhuizen`), not an edit."""
    check_fields(fields, SleutelfiguurVelden)
    if "onderwerpen" in fields:
        fields["onderwerpen"] = [o.strip() for o in fields["onderwerpen"] if o and o.strip()]
    if gemeenten is not UNSET:
        gemeenten = _check_organisaties("gemeenten", sleutelfiguur.swv, gemeenten, alleen_gemeenten=True)
    with tracked_write(by):
        model_update(sleutelfiguur, fields)
        if gemeenten is not UNSET:
            sleutelfiguur.gemeenten.set(gemeenten)
    return sleutelfiguur


def sleutelfiguur_beeindigen(
    *, sleutelfiguur: Sleutelfiguur, by, per: datetime.date | None = None
) -> Sleutelfiguur:
    """End a role on `per` (today). Idempotent: a role that already ended by then keeps its end date."""
    per = per or timezone.localdate()
    if sleutelfiguur.tot is not None and sleutelfiguur.tot <= per:
        return sleutelfiguur
    if per < sleutelfiguur.van:
        raise ValidationError(
            {
                "tot": _("Deze rol begint pas op %(van)s en kan niet eerder eindigen.")
                % {"van": date_format(sleutelfiguur.van, "j F Y")}
            }
        )
    return sleutelfiguur_update(sleutelfiguur=sleutelfiguur, by=by, tot=per)


def sleutelfiguur_verhuizen(
    *,
    sleutelfiguur: Sleutelfiguur,
    naar_organisatie: Organisatie,
    functie: str,
    per: datetime.date,
    by,
    telefoon: str | None = None,
    email: str | None = None,
) -> Sleutelfiguur:
    """A person moves to another organisation on `per`: the current role ends (`tot` = per) and a new one
    starts that day, same person, level, subjects and gemeenten. The old row stays: the routekaart shows the new
    contact, the history who it was. Contact details carry over unless new ones are given.

    The role is locked (SELECT ... FOR UPDATE) and checked again under the lock: two moves of the same role
    at the same moment would otherwise both end it and leave two current roles. The second waits, sees the
    role already ended and gets the Dutch error."""
    check_same_swv(
        "naar_organisatie",
        sleutelfiguur.swv_id,
        [naar_organisatie],
        message=_("Deze organisatie hoort bij een ander samenwerkingsverband."),
    )
    with tracked_write(by):
        huidig = Sleutelfiguur.objects.select_for_update().get(pk=sleutelfiguur.pk)
        if huidig.tot is not None and huidig.tot <= per:
            raise ValidationError({"per": _("Deze rol is op die datum al beëindigd.")})
        if per < huidig.van:
            raise ValidationError(
                {
                    "per": _("De overstap kan niet vóór het begin van de huidige rol (%(van)s) liggen.")
                    % {"van": date_format(huidig.van, "j F Y")}
                }
            )
        nieuw = Sleutelfiguur(
            swv_id=huidig.swv_id,
            persoon_id=huidig.persoon_id,
            organisatie=naar_organisatie,
            functie=functie,
            niveau=huidig.niveau,
            onderwerpen=list(huidig.onderwerpen),
            telefoon=huidig.telefoon if telefoon is None else telefoon,
            email=huidig.email if email is None else email,
            van=per,
        )
        nieuw.full_clean()
        huidig.tot = per
        huidig.full_clean()
        huidig.save(update_fields=["tot"])
        nieuw.save()
        # The person stays the contact for the same gemeenten ("aanspreekpunt voor"), as for the subjects.
        nieuw.gemeenten.set(huidig.gemeenten.all())
    sleutelfiguur.tot = per
    logger.info(
        "sleutelfiguur verhuisd",
        extra={
            "sleutelfiguur_id": sleutelfiguur.pk,
            "nieuw_id": nieuw.pk,
            "organisatie_id": naar_organisatie.pk,
        },
    )
    return nieuw


# --- afspraken ---


def afspraak_create(
    *, swv, by, partijen: Iterable[Organisatie] = (), **fields: Unpack[AfspraakVelden]
) -> Afspraak:
    """Record an agreement. The owner (who gets the reminders) defaults to the person recording it."""
    check_fields(fields, AfspraakVelden)
    if "eigenaar" not in fields and is_person(by):
        fields["eigenaar"] = by
    afspraak = Afspraak(swv=swv, **fields)
    afspraak.full_clean()
    partijen = _check_organisaties("partijen", swv, partijen)
    with tracked_write(by):
        afspraak.save()
        if partijen:
            afspraak.partijen.set(partijen)
    logger.info("afspraak aangemaakt", extra={"afspraak_id": afspraak.pk, "swv_id": swv.pk})
    return afspraak


def afspraak_update(
    *,
    afspraak: Afspraak,
    by,
    partijen: Iterable[Organisatie] | Unset = UNSET,
    **fields: Unpack[AfspraakVelden],
) -> Afspraak:
    check_fields(fields, AfspraakVelden)
    if partijen is not UNSET:
        partijen = _check_organisaties("partijen", afspraak.swv, partijen)
    with tracked_write(by):
        model_update(afspraak, fields)
        if partijen is not UNSET:
            afspraak.partijen.set(partijen)
    return afspraak


# --- voorzieningen ---


def voorziening_create(
    *, swv, by, gemeenten: Iterable[Organisatie] = (), **fields: Unpack[VoorzieningVelden]
) -> Voorziening:
    check_fields(fields, VoorzieningVelden)
    voorziening = Voorziening(swv=swv, **fields)
    voorziening.full_clean()
    gemeenten = _check_organisaties("gemeenten", swv, gemeenten, alleen_gemeenten=True)
    with tracked_write(by):
        voorziening.save()
        if gemeenten:
            voorziening.gemeenten.set(gemeenten)
    logger.info("voorziening aangemaakt", extra={"voorziening_id": voorziening.pk, "swv_id": swv.pk})
    return voorziening


def voorziening_update(
    *,
    voorziening: Voorziening,
    by,
    gemeenten: Iterable[Organisatie] | Unset = UNSET,
    **fields: Unpack[VoorzieningVelden],
) -> Voorziening:
    """Change a provision, e.g. its current occupancy and waiting time; saves only what changed."""
    check_fields(fields, VoorzieningVelden)
    if gemeenten is not UNSET:
        gemeenten = _check_organisaties("gemeenten", voorziening.swv, gemeenten, alleen_gemeenten=True)
    with tracked_write(by):
        model_update(voorziening, fields)
        if gemeenten is not UNSET:
            voorziening.gemeenten.set(gemeenten)
    return voorziening


def voorziening_beeindigen(*, voorziening: Voorziening, by, per: datetime.date | None = None) -> Voorziening:
    """End a provision on `per` (today): it no longer counts in the dekkend netwerk. Idempotent."""
    per = per or timezone.localdate()
    if voorziening.einddatum is not None and voorziening.einddatum <= per:
        return voorziening
    if voorziening.ingangsdatum and per < voorziening.ingangsdatum:
        raise ValidationError(
            {
                "einddatum": _("Deze voorziening begint pas op %(datum)s en kan niet eerder eindigen.")
                % {"datum": date_format(voorziening.ingangsdatum, "j F Y")}
            }
        )
    return voorziening_update(voorziening=voorziening, by=by, einddatum=per)


# Dutch names the pages use; the same services.
organisatie_aanmaken = organisatie_create
organisatie_wijzigen = organisatie_update
sleutelfiguur_toevoegen = sleutelfiguur_create


# --- herinneringen bij afspraken ---


def afspraak_herinneringen_versturen(*, vandaag: datetime.date | None = None) -> int:
    """E-mail each agreement's owner when its einddatum or evaluatiedatum is within
    AFSPRAAK_HERINNERING_DAGEN (from today up to and including that day). Returns how many were sent.

    Idempotent: an AfspraakHerinnering row per (agreement, kind, date) is claimed before sending, in the
    same transaction as the mail; a re-run (or a parallel run) finds the row and sends nothing. A failed
    mail rolls its row back and is logged, so tomorrow's run tries again. A new date (agreement extended) gets a new
    reminder. Dates already past are not reminded (the agreements page shows them as late).
    """
    vandaag = vandaag or timezone.localdate()
    grens = vandaag + datetime.timedelta(days=settings.AFSPRAAK_HERINNERING_DAGEN)
    afspraken = list(
        Afspraak.objects.filter(eigenaar__isnull=False, eigenaar__is_active=True)
        .exclude(eigenaar__email="")
        .filter(Q(einddatum__range=(vandaag, grens)) | Q(evaluatiedatum__range=(vandaag, grens)))
        .select_related("eigenaar", "swv")
        .prefetch_related(
            Prefetch("partijen", queryset=Organisatie.objects.only("pk", "naam").order_by("naam"))
        )
        .order_by("pk")
    )
    al_verstuurd = set(
        AfspraakHerinnering.objects.filter(afspraak__in=[a.pk for a in afspraken]).values_list(
            "afspraak_id", "soort", "datum"
        )
    )
    verstuurd = 0
    for afspraak in afspraken:
        for soort, datum in (
            (AfspraakHerinnering.Soort.VERLOOPT, afspraak.einddatum),
            (AfspraakHerinnering.Soort.EVALUATIE, afspraak.evaluatiedatum),
        ):
            if (
                datum is None
                or not (vandaag <= datum <= grens)
                or (afspraak.pk, soort, datum) in al_verstuurd
            ):
                continue
            try:
                with transaction.atomic():
                    _herinnering, nieuw = AfspraakHerinnering.objects.get_or_create(
                        afspraak=afspraak, soort=soort, datum=datum, defaults={"swv_id": afspraak.swv_id}
                    )
                    if not nieuw:
                        continue
                    _stuur_herinnering(afspraak, soort=soort, datum=datum, vandaag=vandaag)
            except OSError:
                # smtplib's errors are OSErrors. One refused address must not stop the others; the row
                # was rolled back, so the next run tries again.
                logger.exception("herinnering afspraak niet verstuurd", extra={"afspraak_id": afspraak.pk})
                continue
            verstuurd += 1
            logger.info(
                "herinnering afspraak verstuurd",
                extra={"afspraak_id": afspraak.pk, "soort": str(soort), "swv_id": afspraak.swv_id},
            )
    return verstuurd


def _stuur_herinnering(
    afspraak: Afspraak, *, soort: str, datum: datetime.date, vandaag: datetime.date
) -> None:
    context = {
        "afspraak": afspraak,
        "eigenaar": afspraak.eigenaar,
        "soort": str(soort),
        "datum": datum,
        "dagen": (datum - vandaag).days,
        "partijen": [p.naam for p in afspraak.partijen.all()],
    }
    # The owner's language is Dutch; the task runs outside a request, so activate it explicitly.
    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = " ".join(render_to_string("emails/afspraak_herinnering_onderwerp.txt", context).split())
        tekst = render_to_string("emails/afspraak_herinnering.txt", context)
    assert afspraak.eigenaar is not None  # herinneringen_versturen selects only afspraken with an owner
    send_mail(onderwerp, tekst, None, [afspraak.eigenaar.email], fail_silently=False)


# --- jeugdzorgregio's (reference data; kept in Beheer, read by the routekaart) ---


class JeugdzorgregioVelden(TypedDict, total=False):
    naam: str
    code: str


def jeugdzorgregio_create(*, swv, by, **fields: Unpack[JeugdzorgregioVelden]) -> Jeugdzorgregio:
    """A region of gemeenten that buy youth care together; gemeenten join it with `organisatie_update`."""
    check_fields(fields, JeugdzorgregioVelden)
    regio = Jeugdzorgregio(swv=swv, **fields)
    regio.full_clean()
    with tracked_write(by):
        regio.save()
    logger.info("jeugdzorgregio aangemaakt", extra={"jeugdzorgregio_id": regio.pk, "swv_id": swv.pk})
    return regio


def jeugdzorgregio_update(
    *, jeugdzorgregio: Jeugdzorgregio, by, **fields: Unpack[JeugdzorgregioVelden]
) -> Jeugdzorgregio:
    check_fields(fields, JeugdzorgregioVelden)
    with tracked_write(by):
        model_update(jeugdzorgregio, fields)
    return jeugdzorgregio
