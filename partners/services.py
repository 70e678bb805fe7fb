"""Writes of the partner registry. Pages, API, the DUO import and tasks call these; they do not check
access (the caller did, through `selectors.get_X_for_user` / the `partners.wijzigen` rule), they keep
the data consistent: keyword-only, full_clean (Dutch messages), one transaction, nothing half-saved.

pghistory's triggers record every write with old and new values; the context set here says who.
Nothing is deleted: organisations, roles and provisions end (einddatum / tot), so history stays.
"""

import datetime
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Afspraak, AfspraakHerinnering, Organisatie, Persoon, Sleutelfiguur, Voorziening

logger = logging.getLogger(__name__)

# Marks "not given" for M2M arguments of the update services (None or [] would mean "empty it").
_ONGEWIJZIGD = object()

ORGANISATIE_VELDEN = frozenset(
    {
        "naam",
        "soort",
        "code",
        "gemeente",
        "soort_onderwijs",
        "schoolbestuur",
        "bevoegd_gezag_nummer",
        "denominatie",
        "straat",
        "huisnummer",
        "postcode",
        "plaats",
        "telefoon",
        "email",
        "website",
        "jeugdzorgregio",
        "in_werkgebied",
        "actief",
        "einddatum",
    }
)
PERSOON_VELDEN = frozenset({"voornaam", "tussenvoegsel", "achternaam", "email", "telefoon"})
# Organisation and person are not changed in place: a move is `sleutelfiguur_verhuizen` (history).
SLEUTELFIGUUR_VELDEN = frozenset({"functie", "niveau", "onderwerpen", "telefoon", "email", "van", "tot"})
AFSPRAAK_VELDEN = frozenset(
    {"soort", "titel", "ingangsdatum", "einddatum", "document", "eigenaar", "evaluatiedatum", "toelichting"}
)
VOORZIENING_VELDEN = frozenset(
    {
        "naam",
        "aanbieder",
        "doelgroep",
        "sector",
        "capaciteit",
        "bezetting",
        "wachttijd_weken",
        "kosten_per_plek",
        "ingangsdatum",
        "einddatum",
        "beschrijving",
    }
)


def _check_velden(fields: dict, toegestaan: frozenset) -> None:
    unknown = set(fields) - toegestaan
    if unknown:
        raise TypeError(f"Onbekende of niet wijzigbare velden: {', '.join(sorted(unknown))}")


def _context(by) -> dict:
    """Who wrote, for pghistory: a user id, an API client, or the system (tasks, imports)."""
    if by is None:
        return {"bron": "systeem"}
    if getattr(by, "is_api_client", False):
        return {"bron": "api", "api_client": by.api_client.pk}
    return {"user": by.pk}


def _is_persoon(by) -> bool:
    return (
        by is not None and getattr(by, "is_authenticated", False) and not getattr(by, "is_api_client", False)
    )


def _check_organisaties(
    veld: str, swv, organisaties: Iterable[Organisatie], *, alleen_gemeenten: bool = False
) -> list[Organisatie]:
    """Linked organisations must be of the same SWV (tenancy), and gemeenten where only those fit."""
    organisaties = list(organisaties)
    if any(o.swv_id != swv.pk for o in organisaties):
        raise ValidationError(
            {veld: _("Een van de gekozen organisaties hoort bij een ander samenwerkingsverband.")}
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


@contextmanager
def _code_uniek() -> Iterator[None]:
    """A duplicate code that slipped past full_clean (two saves at the same moment) is the same Dutch
    error on `code` that full_clean gives, not an IntegrityError: the unique constraint decides the race."""
    try:
        yield
    except IntegrityError as exc:
        constraint = getattr(getattr(exc.__cause__, "diag", None), "constraint_name", None)
        if constraint == Organisatie.CODE_UNIEK:
            raise ValidationError(
                {"code": ValidationError(Organisatie.code_bestaat_al(), code="code_bestaat_al")}
            ) from exc
        raise


def _update(obj, fields: dict) -> list[str]:
    changed = []
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


# --- organisaties ---


def organisatie_create(*, swv, by, werkgebied: Iterable[Organisatie] = (), **fields) -> Organisatie:
    """Add an organisation to `swv`'s registry. Raises ValidationError (Dutch) and saves nothing on bad input."""
    _check_velden(fields, ORGANISATIE_VELDEN)
    organisatie = Organisatie(swv=swv, **fields)
    organisatie.full_clean()
    werkgebied = _check_organisaties("werkgebied", swv, werkgebied, alleen_gemeenten=True)
    with _code_uniek(), transaction.atomic(), pghistory.context(**_context(by)):
        organisatie.save()
        if werkgebied:
            organisatie.werkgebied.set(werkgebied)
    logger.info("organisatie aangemaakt", extra={"organisatie_id": organisatie.pk, "swv_id": swv.pk})
    return organisatie


def organisatie_update(*, organisatie: Organisatie, by, werkgebied=_ONGEWIJZIGD, **fields) -> Organisatie:
    """Change the given fields (and, when given, the werkgebied); saves only what changed."""
    _check_velden(fields, ORGANISATIE_VELDEN)
    changed = _update(organisatie, fields)
    if werkgebied is not _ONGEWIJZIGD:
        werkgebied = _check_organisaties("werkgebied", organisatie.swv, werkgebied, alleen_gemeenten=True)
        if any(g.pk == organisatie.pk for g in werkgebied):
            raise ValidationError({"werkgebied": _("Een gemeente kan niet haar eigen werkgebied zijn.")})
    if changed:
        organisatie.full_clean()
    with _code_uniek(), transaction.atomic(), pghistory.context(**_context(by)):
        if changed:
            organisatie.save(update_fields=changed)
        if werkgebied is not _ONGEWIJZIGD:
            organisatie.werkgebied.set(werkgebied)
    logger.info("organisatie gewijzigd", extra={"organisatie_id": organisatie.pk, "velden": sorted(changed)})
    return organisatie


def organisatie_beeindigen(*, organisatie: Organisatie, by, per: datetime.date | None = None) -> Organisatie:
    """End the cooperation: inactive, einddatum `per` (today) unless already set. Idempotent; deletes nothing."""
    fields: dict = {"actief": False}
    if organisatie.einddatum is None:
        fields["einddatum"] = per or timezone.localdate()
    return organisatie_update(organisatie=organisatie, by=by, **fields)


# --- personen en sleutelfiguren ---


def persoon_create(*, swv, by, **fields) -> Persoon:
    _check_velden(fields, PERSOON_VELDEN)
    persoon = Persoon(swv=swv, **fields)
    persoon.full_clean()
    with transaction.atomic(), pghistory.context(**_context(by)):
        persoon.save()
    return persoon


def persoon_update(*, persoon: Persoon, by, **fields) -> Persoon:
    _check_velden(fields, PERSOON_VELDEN)
    changed = _update(persoon, fields)
    if changed:
        persoon.full_clean()
        with transaction.atomic(), pghistory.context(**_context(by)):
            persoon.save(update_fields=changed)
    return persoon


def sleutelfiguur_create(
    *,
    organisatie: Organisatie,
    functie: str,
    niveau: str,
    by,
    swv=None,
    persoon: Persoon | dict | None = None,
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
    if organisatie.swv_id != swv.pk:
        raise ValidationError(
            {"organisatie": _("Deze organisatie hoort bij een ander samenwerkingsverband.")}
        )
    if persoon is None and persoon_id is not None:
        persoon = Persoon.objects.filter(swv=swv, pk=persoon_id).first()
        if persoon is None:
            raise ValidationError(
                {"persoon": _("Deze persoon bestaat niet (meer) in dit samenwerkingsverband.")}
            )
    nieuwe_persoon = None
    if not isinstance(persoon, Persoon):
        gegevens = dict(
            persoon or {"voornaam": voornaam, "tussenvoegsel": tussenvoegsel, "achternaam": achternaam}
        )
        _check_velden(gegevens, PERSOON_VELDEN)
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
    with transaction.atomic(), pghistory.context(**_context(by)):
        if nieuwe_persoon is not None:
            nieuwe_persoon.save()
            sleutelfiguur.persoon = nieuwe_persoon
        sleutelfiguur.save()
        if gemeenten:
            sleutelfiguur.gemeenten.set(gemeenten)
    logger.info("sleutelfiguur aangemaakt", extra={"sleutelfiguur_id": sleutelfiguur.pk, "swv_id": swv.pk})
    return sleutelfiguur


def sleutelfiguur_update(
    *, sleutelfiguur: Sleutelfiguur, by, gemeenten=_ONGEWIJZIGD, **fields
) -> Sleutelfiguur:
    """Change a role's details. Another organisation is a move (`sleutelfiguur_verhuizen`), not an edit."""
    _check_velden(fields, SLEUTELFIGUUR_VELDEN)
    if "onderwerpen" in fields:
        fields["onderwerpen"] = [o.strip() for o in fields["onderwerpen"] if o and o.strip()]
    changed = _update(sleutelfiguur, fields)
    if gemeenten is not _ONGEWIJZIGD:
        gemeenten = _check_organisaties("gemeenten", sleutelfiguur.swv, gemeenten, alleen_gemeenten=True)
    if changed:
        sleutelfiguur.full_clean()
    with transaction.atomic(), pghistory.context(**_context(by)):
        if changed:
            sleutelfiguur.save(update_fields=changed)
        if gemeenten is not _ONGEWIJZIGD:
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
    starts that day, same person, level and subjects. The old row stays: the routekaart shows the new
    contact, the history who it was. Contact details carry over unless new ones are given.

    The role is locked (SELECT ... FOR UPDATE) and checked again under the lock: two moves of the same role
    at the same moment would otherwise both end it and leave two current roles. The second waits, sees the
    role already ended and gets the Dutch error."""
    if naar_organisatie.swv_id != sleutelfiguur.swv_id:
        raise ValidationError(
            {"naar_organisatie": _("Deze organisatie hoort bij een ander samenwerkingsverband.")}
        )
    with transaction.atomic(), pghistory.context(**_context(by)):
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


def afspraak_create(*, swv, by, partijen: Iterable[Organisatie] = (), **fields) -> Afspraak:
    """Record an agreement. The owner (who gets the reminders) defaults to the person recording it."""
    _check_velden(fields, AFSPRAAK_VELDEN)
    if "eigenaar" not in fields and _is_persoon(by):
        fields["eigenaar"] = by
    afspraak = Afspraak(swv=swv, **fields)
    afspraak.full_clean()
    partijen = _check_organisaties("partijen", swv, partijen)
    with transaction.atomic(), pghistory.context(**_context(by)):
        afspraak.save()
        if partijen:
            afspraak.partijen.set(partijen)
    logger.info("afspraak aangemaakt", extra={"afspraak_id": afspraak.pk, "swv_id": swv.pk})
    return afspraak


def afspraak_update(*, afspraak: Afspraak, by, partijen=_ONGEWIJZIGD, **fields) -> Afspraak:
    _check_velden(fields, AFSPRAAK_VELDEN)
    changed = _update(afspraak, fields)
    if partijen is not _ONGEWIJZIGD:
        partijen = _check_organisaties("partijen", afspraak.swv, partijen)
    if changed:
        afspraak.full_clean()
    with transaction.atomic(), pghistory.context(**_context(by)):
        if changed:
            afspraak.save(update_fields=changed)
        if partijen is not _ONGEWIJZIGD:
            afspraak.partijen.set(partijen)
    return afspraak


# --- voorzieningen ---


def voorziening_create(*, swv, by, gemeenten: Iterable[Organisatie] = (), **fields) -> Voorziening:
    _check_velden(fields, VOORZIENING_VELDEN)
    voorziening = Voorziening(swv=swv, **fields)
    voorziening.full_clean()
    gemeenten = _check_organisaties("gemeenten", swv, gemeenten, alleen_gemeenten=True)
    with transaction.atomic(), pghistory.context(**_context(by)):
        voorziening.save()
        if gemeenten:
            voorziening.gemeenten.set(gemeenten)
    logger.info("voorziening aangemaakt", extra={"voorziening_id": voorziening.pk, "swv_id": swv.pk})
    return voorziening


def voorziening_update(*, voorziening: Voorziening, by, gemeenten=_ONGEWIJZIGD, **fields) -> Voorziening:
    """Change a provision, e.g. its current occupancy and waiting time; saves only what changed."""
    _check_velden(fields, VOORZIENING_VELDEN)
    changed = _update(voorziening, fields)
    if gemeenten is not _ONGEWIJZIGD:
        gemeenten = _check_organisaties("gemeenten", voorziening.swv, gemeenten, alleen_gemeenten=True)
    if changed:
        voorziening.full_clean()
    with transaction.atomic(), pghistory.context(**_context(by)):
        if changed:
            voorziening.save(update_fields=changed)
        if gemeenten is not _ONGEWIJZIGD:
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
    send_mail(onderwerp, tekst, None, [afspraak.eigenaar.email], fail_silently=False)


# --- jeugdzorgregio's (reference data; kept in Beheer, read by the routekaart) ---

JEUGDZORGREGIO_VELDEN = frozenset({"naam", "code"})


def jeugdzorgregio_create(*, swv, by, **fields):
    from .models import Jeugdzorgregio

    _check_velden(fields, JEUGDZORGREGIO_VELDEN)
    regio = Jeugdzorgregio(swv=swv, **fields)
    regio.full_clean()
    with transaction.atomic(), pghistory.context(**_context(by)):
        regio.save()
    return regio


def jeugdzorgregio_update(*, jeugdzorgregio, by, **fields):
    _check_velden(fields, JEUGDZORGREGIO_VELDEN)
    changed = _update(jeugdzorgregio, fields)
    if changed:
        jeugdzorgregio.full_clean()
        with transaction.atomic(), pghistory.context(**_context(by)):
            jeugdzorgregio.save(update_fields=changed)
    return jeugdzorgregio
