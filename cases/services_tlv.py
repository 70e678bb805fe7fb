"""Writes of TLVs (issue 11, part TLV): the request from a case, the two deskundigenadviezen, the besluit.

Pages, API, demo data and tasks call these. Access to the case is the caller's (`get_casus_for_user`,
`get_tlv_for_user`); these services check the finer rules (who may request, advise, decide), the law's
rules (two advices of the right disciplines, validity in whole school years ending 31 July) and hand out
the beschikkingsnummer without gaps or duplicates. Every refusal is a Dutch ValidationError on a field.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.core.acting import lidmaatschap_van
from swv.core.models import SCHOOL_ROLLEN, Lidmaatschap, Rol
from swv.core.services import is_person, model_update, tracked_write

from .deadlines import schooljaar
from .models import Casus, Tlv, TlvAdvies, TlvBezwaar
from .models.tlv import (
    EERSTE_DESKUNDIGE,
    MET_CATEGORIE,
    SOORTEN_PER_SECTOR,
    TWEEDE_DESKUNDIGE,
    TlvSoort,
    TlvStatus,
)
from .tijdlijn import tijdlijn_toevoegen

logger = logging.getLogger(__name__)

# The longest validity the SWV may give in one besluit (a whole school career); a sanity bound on input.
MAX_SCHOOLJAREN = 12


# --- validity ----------------------------------------------------------------------------------------


def tlv_einddatum(ingangsdatum: datetime.date, schooljaren: int = 1) -> datetime.date:
    """The einddatum of a TLV that starts on `ingangsdatum` for `schooljaren` whole school years.

    domain.md "TLV": validity is whole school years, always ending 31 July, at least one full school year.
    Starting on 1 August, the first school year is a full one; starting on any later day (mid-year, even
    31 July), the rest of that school year comes on top of the full years."""
    if schooljaren < 1:
        raise ValidationError({"schooljaren": _("Een TLV geldt ten minste één volledig schooljaar.")})
    begin, eind, _naam = schooljaar(ingangsdatum)
    extra = 0 if ingangsdatum == begin else 1
    return datetime.date(eind.year + schooljaren - 1 + extra, 7, 31)


# --- who may do what ------------------------------------------------------------------------------------


def _rol(by) -> Lidmaatschap | None:
    return lidmaatschap_van(by) if is_person(by) else None


def _is_swv_rol(by, swv_id: int, *rollen: str) -> bool:
    lidmaatschap = _rol(by)
    return lidmaatschap is not None and lidmaatschap.swv_id == swv_id and lidmaatschap.rol in rollen


def mag_aanvragen(by, casus: Casus) -> bool:
    """The SWV's coordinator or medewerker, or the case's own school (the bevoegd gezag asks for a TLV)."""
    if _is_swv_rol(by, casus.swv_id, Rol.SWV_COORDINATOR, Rol.SWV_MEDEWERKER):
        return True
    lidmaatschap = _rol(by)
    return (
        lidmaatschap is not None
        and lidmaatschap.rol in SCHOOL_ROLLEN
        and lidmaatschap.organisatie_id == casus.school_id
    )


def is_swv_systeem(by, swv_id: int) -> bool:
    """`by` is the SWV bureau's own system (an API client of this SWV whose organisation is the SWV) with the
    scope `tlvs:besluiten`: it records advices and decisions taken in the SWV's own administration."""
    from swv.core.api.scopes import Scope

    if not getattr(by, "is_api_client", False):
        return False
    client = by.api_client
    return (
        client.swv_id == swv_id
        and client.organisatie.soort == "swv"
        and Scope.TLVS_BESLUITEN in client.scopes
    )


def mag_advies_vastleggen(by, tlv: Tlv) -> bool:
    """The SWV's deskundigen record their own advice; the coordinator and medewerker record an advice of a
    deskundige from the registry (received on paper or by mail); the SWV's own system too."""
    return _is_swv_rol(
        by, tlv.swv_id, Rol.SWV_COORDINATOR, Rol.SWV_MEDEWERKER, Rol.SWV_DESKUNDIGE
    ) or is_swv_systeem(by, tlv.swv_id)


def mag_besluiten(by, tlv: Tlv) -> bool:
    """Only the SWV's coordinator decides (the director's mandate in the SWV's ondersteuningsplan), or the
    SWV's own system records a decision the coordinator took there."""
    return _is_swv_rol(by, tlv.swv_id, Rol.SWV_COORDINATOR) or is_swv_systeem(by, tlv.swv_id)


def _door(by) -> dict:
    if getattr(by, "is_api_client", False):
        return {"api_client": by.api_client}
    return {"door": by if is_person(by) else None}


# --- the request ------------------------------------------------------------------------------------------


def tlv_aanvragen(
    *,
    casus: Casus,
    by,
    soort: str,
    onderbouwing: str,
    cluster: int | None = None,
    bekostigingscategorie: str = "",
) -> Tlv:
    """Request a TLV (or a PrO/LWOO decision) for the pupil of `casus`.

    The kind must be one this SWV's sector decides on (a PO-SWV: SBaO, SO; a VO-SWV: VSO, PrO, LWOO);
    (V)SO needs the cluster (3 or 4); the requested bekostigingscategorie applies to (V)SO only. One open
    request per pupil and kind at a time."""
    if not mag_aanvragen(by, casus) and by is not None:
        raise ValidationError(
            _("Alleen het samenwerkingsverband of de school van de casus kan een TLV aanvragen.")
        )
    if casus.is_gesloten:
        raise ValidationError(_("Deze casus is gesloten; een TLV-aanvraag hoort bij een lopende casus."))
    fouten = _soort_fouten(casus.swv.sector, soort, cluster, bekostigingscategorie)
    if not (onderbouwing or "").strip():
        fouten["onderbouwing"] = _("Schrijf op waarom de leerling deze vorm van onderwijs nodig heeft.")
    if fouten:
        raise ValidationError(fouten)
    with tracked_write(by):
        Casus.objects.select_for_update().only("pk").get(pk=casus.pk)
        if Tlv.objects.filter(
            swv_id=casus.swv_id, leerling_id=casus.leerling_id, soort=soort, status=TlvStatus.AANGEVRAAGD
        ).exists():
            raise ValidationError(
                {"soort": _("Voor deze leerling loopt al een aanvraag van deze soort; vul die aan.")}
            )
        tlv = Tlv(
            swv_id=casus.swv_id,
            casus=casus,
            leerling_id=casus.leerling_id,
            soort=soort,
            cluster=cluster if soort in MET_CATEGORIE else None,
            bekostigingscategorie=bekostigingscategorie if soort in MET_CATEGORIE else "",
            onderbouwing=onderbouwing.strip(),
            aangevraagd_door=by if is_person(by) else None,
        )
        tlv.full_clean()
        tlv.save()
        tijdlijn_toevoegen(
            casus=casus,
            soort="tlv",
            titel=_("TLV aangevraagd: %(soort)s") % {"soort": tlv.get_soort_display()},
            by=by,
            obj=tlv,
        )
    logger.info("tlv aangevraagd", extra={"tlv_id": tlv.pk, "swv_id": tlv.swv_id})
    return tlv


def tlv_aanvraag_bijwerken(
    *,
    tlv: Tlv,
    by,
    soort: str,
    onderbouwing: str,
    cluster: int | None = None,
    bekostigingscategorie: str = "",
) -> Tlv:
    """Change an open request (before the decision). Pages pass the row locked by the optimistic check
    (`controleer_versie`); the request's own rules are those of `tlv_aanvragen`."""
    if not mag_aanvragen(by, tlv.casus) and by is not None:
        raise ValidationError(
            _("Alleen het samenwerkingsverband of de school van de casus kan een TLV-aanvraag wijzigen.")
        )
    fouten = _soort_fouten(tlv.swv.sector, soort, cluster, bekostigingscategorie)
    if not (onderbouwing or "").strip():
        fouten["onderbouwing"] = _("Schrijf op waarom de leerling deze vorm van onderwijs nodig heeft.")
    if fouten:
        raise ValidationError(fouten)
    with tracked_write(by):
        tlv = Tlv.objects.select_for_update().get(pk=tlv.pk)
        if tlv.is_besloten:
            raise ValidationError(
                _("Over deze aanvraag is al besloten; de aanvraag kan niet meer worden gewijzigd.")
            )
        velden = {
            "soort": soort,
            "cluster": cluster if soort in MET_CATEGORIE else None,
            "bekostigingscategorie": bekostigingscategorie if soort in MET_CATEGORIE else "",
            "onderbouwing": onderbouwing.strip(),
        }
        if model_update(tlv, velden):
            tijdlijn_toevoegen(
                casus=tlv.casus, soort="tlv", titel=_("TLV-aanvraag bijgewerkt"), by=by, obj=tlv
            )
    return tlv


def _soort_fouten(sector: str, soort: str, cluster: int | None, categorie: str) -> dict[str, str]:
    fouten: dict[str, str] = {}
    if soort not in TlvSoort.values:
        return {"soort": _("Kies de soort besluit.")}
    if soort not in SOORTEN_PER_SECTOR.get(sector, ()):
        fouten["soort"] = _(
            "Een samenwerkingsverband %(sector)s beslist niet over %(soort)s; dat doet het samenwerkingsverband "
            "van de andere sector."
        ) % {"sector": sector, "soort": TlvSoort(soort).label}
    if soort in MET_CATEGORIE:
        if cluster not in (3, 4):
            fouten["cluster"] = _(
                "Kies cluster 3 of 4; voor cluster 1 en 2 beslist de instelling zelf (commissie van onderzoek)."
            )
    elif categorie:
        fouten["bekostigingscategorie"] = _(
            "Een bekostigingscategorie hoort alleen bij een TLV voor het (voortgezet) speciaal onderwijs."
        )
    if categorie and categorie not in Tlv.Categorie.values:
        fouten["bekostigingscategorie"] = _("Kies laag, midden of hoog.")
    return fouten


# --- the advices ----------------------------------------------------------------------------------------


def advies_vastleggen(
    *,
    tlv: Tlv,
    by,
    discipline: str,
    datum: datetime.date,
    uitkomst: str,
    advies: str,
    deskundige_gebruiker=None,
    deskundige_persoon=None,
) -> TlvAdvies:
    """Record one deskundigenadvies on an open request.

    The deskundige is an SWV user with the deskundige role in this SWV, or a person from this SWV's
    registry; an SWV deskundige who records without naming anyone records their own advice. The advice is
    dated, not in the future; one deskundige gives one advice per request."""
    if not mag_advies_vastleggen(by, tlv) and by is not None:
        raise ValidationError(_("Alleen het samenwerkingsverband legt deskundigenadviezen vast."))
    lidmaatschap = _rol(by)
    if (
        deskundige_gebruiker is None
        and deskundige_persoon is None
        and lidmaatschap is not None
        and lidmaatschap.rol == Rol.SWV_DESKUNDIGE
    ):
        deskundige_gebruiker = by
    fouten: dict[str, str] = {}
    if deskundige_gebruiker is not None and deskundige_persoon is not None:
        fouten["deskundige_gebruiker"] = _(
            "Kies één deskundige: een gebruiker of een persoon uit het register."
        )
    elif deskundige_gebruiker is None and deskundige_persoon is None:
        fouten["deskundige_gebruiker"] = _("Kies de deskundige die het advies gaf.")
    elif (
        deskundige_gebruiker is not None
        and not Lidmaatschap.objects.filter(
            user=deskundige_gebruiker, swv_id=tlv.swv_id, rol=Rol.SWV_DESKUNDIGE, actief=True
        ).exists()
    ):
        fouten["deskundige_gebruiker"] = _("Deze gebruiker is geen deskundige van dit samenwerkingsverband.")
    elif deskundige_persoon is not None and deskundige_persoon.swv_id != tlv.swv_id:
        fouten["deskundige_persoon"] = _("Deze persoon hoort bij een ander samenwerkingsverband.")
    if datum is not None and datum > timezone.localdate():
        fouten["datum"] = _("De datum van het advies ligt in de toekomst.")
    if fouten:
        raise ValidationError(fouten)
    with tracked_write(by):
        tlv = Tlv.objects.select_for_update().get(pk=tlv.pk)
        if tlv.is_besloten:
            raise ValidationError(_("Over deze aanvraag is al besloten; er kan geen advies meer bij."))
        dubbel = TlvAdvies.objects.filter(
            tlv=tlv, deskundige_gebruiker=deskundige_gebruiker, deskundige_persoon=deskundige_persoon
        )
        if dubbel.exists():
            raise ValidationError(
                {"deskundige_gebruiker": _("Deze deskundige heeft al advies gegeven over deze aanvraag.")}
            )
        advies_obj = TlvAdvies(
            swv_id=tlv.swv_id,
            tlv=tlv,
            discipline=discipline,
            datum=datum,
            uitkomst=uitkomst,
            advies=(advies or "").strip(),
            deskundige_gebruiker=deskundige_gebruiker,
            deskundige_persoon=deskundige_persoon,
            vastgelegd_door=by if is_person(by) else None,
            vastgelegd_api_client=by.api_client if getattr(by, "is_api_client", False) else None,
        )
        advies_obj.full_clean()
        advies_obj.save()
        tijdlijn_toevoegen(
            casus=tlv.casus,
            soort="tlv",
            titel=_("Deskundigenadvies voor de TLV vastgelegd (%(discipline)s)")
            % {"discipline": advies_obj.get_discipline_display()},
            by=by,
            obj=tlv,
        )
    return advies_obj


def adviezen_vereist(tlv: Tlv) -> bool:
    """SBaO, SO and VSO need two deskundigenadviezen by law; PrO and LWOO by the setting
    TLV_ADVIEZEN_PRO_LWOO (domain.md lists the two advices for every TLV; unconfirmed for PrO/LWOO)."""
    if tlv.soort in (TlvSoort.PRO, TlvSoort.LWOO):
        return bool(getattr(settings, "TLV_ADVIEZEN_PRO_LWOO", True))
    return True


def ontbrekende_adviezen(tlv: Tlv, *, op: datetime.date | None = None) -> list[str]:
    """Why the advices do not yet allow a decision (empty: they do). With `op` (the besluitdatum), only
    advices given on or before that day count.

    WPO 18a lid 7 / WVO 2020 art. 2.51 lid 8: advice of an orthopedagoog or psycholoog, and of a second
    deskundige who is a kinder- of jeugdpsycholoog, pedagoog, kinderpsychiater, maatschappelijk werker or
    arts. The two advices come from two different deskundigen."""
    if not adviezen_vereist(tlv):
        return []
    adviezen = list(tlv.adviezen.all())
    if op is not None:
        adviezen = [a for a in adviezen if a.datum <= op]
    eerste = [a for a in adviezen if a.discipline in EERSTE_DESKUNDIGE]
    tweede = [a for a in adviezen if a.discipline in TWEEDE_DESKUNDIGE]
    redenen = []
    if not eerste:
        redenen.append(_("Het advies van een orthopedagoog of psycholoog ontbreekt."))
    if not tweede:
        redenen.append(
            _(
                "Het advies van een tweede deskundige ontbreekt (kinder- of jeugdpsycholoog, pedagoog, "
                "kinderpsychiater, maatschappelijk werker of arts)."
            )
        )
    if op is not None and len(adviezen) < len(list(tlv.adviezen.all())) and redenen:
        redenen.append(_("Adviezen van na de besluitdatum tellen niet mee."))
    return redenen


# --- the besluit ----------------------------------------------------------------------------------------


def volgend_beschikkingsnummer(swv, jaar: int) -> str:
    """The next beschikkingsnummer of `swv` in `jaar`: `<code>-<jaar>-<5 digits>`. Call inside the
    decision's transaction: the counter row stays locked until it commits, and rolls back with it."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO cases_tlvnummering (swv_id, jaar, laatste) VALUES (%s, %s, 1)
            ON CONFLICT (swv_id, jaar) DO UPDATE SET laatste = cases_tlvnummering.laatste + 1
            RETURNING laatste
            """,
            [swv.pk, jaar],
        )
        (volgnummer,) = cursor.fetchone()
    if volgnummer > 99999:
        raise ValidationError(_("De beschikkingsnummers van dit jaar zijn op (meer dan 99.999)."))
    return f"{swv.code}-{jaar}-{volgnummer:05d}"


def tlv_besluiten(
    *,
    tlv: Tlv,
    by,
    toekennen: bool,
    motivering: str,
    besluitdatum: datetime.date | None = None,
    ingangsdatum: datetime.date | None = None,
    schooljaren: int = 1,
    bekostigingscategorie: str | None = None,
) -> Tlv:
    """Decide on a request: grant (with ingangsdatum and whole school years) or refuse, with a motivering.

    Refused with the reasons when the two required advices are missing. The besluitdatum may be given (a
    decision taken on paper yesterday is recorded today), not in the future; the ingangsdatum defaults to
    the besluitdatum and is not before it. A granted (V)SO TLV has a bekostigingscategorie. Two decisions
    at once get consecutive numbers; two decisions of the same request at once: the second is refused."""
    if not mag_besluiten(by, tlv) and by is not None:
        raise ValidationError(_("Alleen de coördinator van het samenwerkingsverband besluit over een TLV."))
    vandaag = timezone.localdate()
    besluitdatum = besluitdatum or vandaag
    fouten: dict[str, list[str]] = {}

    def fout(veld: str, tekst: str) -> None:
        fouten.setdefault(veld, []).append(tekst)

    if besluitdatum > vandaag:
        fout("besluitdatum", _("De besluitdatum ligt in de toekomst."))
    if not (motivering or "").strip():
        fout("motivering", _("Motiveer het besluit; de ouders lezen de motivering in de beschikking."))
    einddatum = None
    categorie = tlv.bekostigingscategorie if bekostigingscategorie is None else bekostigingscategorie
    if toekennen:
        ingangsdatum = ingangsdatum or besluitdatum
        if ingangsdatum < besluitdatum:
            fout("ingangsdatum", _("De ingangsdatum ligt vóór de besluitdatum."))
        if not 1 <= schooljaren <= MAX_SCHOOLJAREN:
            fout(
                "schooljaren",
                _("Een TLV geldt ten minste één en ten hoogste %(max)s volledige schooljaren.")
                % {"max": MAX_SCHOOLJAREN},
            )
        else:
            einddatum = tlv_einddatum(ingangsdatum, schooljaren)
        if tlv.soort in MET_CATEGORIE and categorie not in Tlv.Categorie.values:
            fout("bekostigingscategorie", _("Kies de bekostigingscategorie: laag, midden of hoog."))
        if tlv.soort not in MET_CATEGORIE:
            categorie = ""
    else:
        ingangsdatum = None
        categorie = tlv.bekostigingscategorie if tlv.soort in MET_CATEGORIE else ""
    if fouten:
        raise ValidationError(fouten)

    with tracked_write(by):
        # Only the request's row (of=self): locking the SWV row too would serialise every decision of the SWV.
        tlv = Tlv.objects.select_for_update(of=("self",)).select_related("swv", "casus").get(pk=tlv.pk)
        if tlv.is_besloten:
            raise ValidationError(
                {
                    "status": _(
                        "Over deze aanvraag is intussen al besloten (%(nummer)s, %(status)s); er is niets "
                        "gewijzigd."
                    )
                    % {"nummer": tlv.beschikkingsnummer, "status": tlv.get_status_display().lower()}
                }
            )
        redenen = ontbrekende_adviezen(tlv, op=besluitdatum)
        if redenen:
            raise ValidationError(
                {
                    "adviezen": [
                        _("Er kan nog niet worden besloten zonder de twee vereiste adviezen."),
                        *redenen,
                    ]
                }
            )
        tlv.status = TlvStatus.TOEGEKEND if toekennen else TlvStatus.AFGEWEZEN
        tlv.besluitdatum = besluitdatum
        tlv.ingangsdatum = ingangsdatum
        tlv.einddatum = einddatum
        tlv.bekostigingscategorie = categorie
        tlv.motivering = motivering.strip()
        tlv.besloten_door = by if is_person(by) else None
        tlv.besloten_api_client = by.api_client if getattr(by, "is_api_client", False) else None
        tlv.beschikkingsnummer = volgend_beschikkingsnummer(tlv.swv, besluitdatum.year)
        tlv.full_clean()
        tlv.save()
        if toekennen:
            titel = _("TLV toegekend (%(nummer)s), geldig van %(van)s tot en met %(tot)s") % {
                "nummer": tlv.beschikkingsnummer,
                "van": f"{tlv.ingangsdatum:%d-%m-%Y}",
                "tot": f"{tlv.einddatum:%d-%m-%Y}",
            }
        else:
            titel = _("TLV afgewezen (%(nummer)s)") % {"nummer": tlv.beschikkingsnummer}
        tijdlijn_toevoegen(casus=tlv.casus, soort="tlv", titel=titel, by=by, obj=tlv)
    logger.info("tlv besloten", extra={"tlv_id": tlv.pk, "swv_id": tlv.swv_id, "status": tlv.status})
    return tlv


# --- bezwaar (Awb) --------------------------------------------------------------------------------------

# Awb art. 6:7: six weeks to object; art. 7:10 lid 1: decide within six weeks after that term, twelve with an
# adviescommissie (art. 7:13); lid 3: once postponed by six weeks. cases/deadlines.py counts the same in SQL.
BEZWAARTERMIJN_DAGEN = 42
BESLISTERMIJN_DAGEN = 42
BESLISTERMIJN_COMMISSIE_DAGEN = 84
VERDAGING_DAGEN = 42


def bezwaartermijn_eind(tlv: Tlv) -> datetime.date:
    """Last day to object: six weeks after the day the decision was made known (Awb 6:7, 6:8); the
    besluitdatum counts as that day (the letter goes out the day of the decision)."""
    assert tlv.besluitdatum is not None
    return tlv.besluitdatum + datetime.timedelta(days=BEZWAARTERMIJN_DAGEN)


def beslistermijn_eind(bezwaar: TlvBezwaar) -> datetime.date:
    """Last day to decide on the bezwaar (Awb 7:10), counted from the end of the bezwaartermijn."""
    dagen = BESLISTERMIJN_COMMISSIE_DAGEN if bezwaar.adviescommissie else BESLISTERMIJN_DAGEN
    if bezwaar.verdaagd:
        dagen += VERDAGING_DAGEN
    return bezwaartermijn_eind(bezwaar.tlv) + datetime.timedelta(days=dagen)


def bezwaar_registreren(
    *,
    tlv: Tlv,
    by,
    ontvangen_op: datetime.date,
    ingediend_door: str,
    gronden: str = "",
    adviescommissie: bool = True,
) -> TlvBezwaar:
    """Record a bezwaar against a decided TLV (the SWV's coordinator or medewerker). A bezwaar received after
    the bezwaartermijn is recorded too (the SWV decides whether the lateness is excusable, Awb 6:11); the page
    shows that it came late."""
    if not _is_swv_rol(by, tlv.swv_id, Rol.SWV_COORDINATOR, Rol.SWV_MEDEWERKER) and by is not None:
        raise ValidationError(_("Alleen het samenwerkingsverband legt een bezwaar vast."))
    if not tlv.is_besloten:
        raise ValidationError(_("Er is nog geen besluit; bezwaar kan pas tegen een besluit."))
    if ontvangen_op > timezone.localdate():
        raise ValidationError({"ontvangen_op": _("De ontvangstdatum ligt in de toekomst.")})
    if tlv.besluitdatum and ontvangen_op < tlv.besluitdatum:
        raise ValidationError({"ontvangen_op": _("De ontvangstdatum ligt vóór de besluitdatum.")})
    with tracked_write(by):
        bezwaar = TlvBezwaar(
            swv_id=tlv.swv_id,
            tlv=tlv,
            ontvangen_op=ontvangen_op,
            ingediend_door=ingediend_door.strip(),
            gronden=gronden.strip(),
            adviescommissie=adviescommissie,
            vastgelegd_door=by if is_person(by) else None,
        )
        bezwaar.full_clean()
        bezwaar.save()
        tijdlijn_toevoegen(
            casus=tlv.casus,
            soort="tlv",
            titel=_("Bezwaar tegen TLV-besluit %(nummer)s ontvangen; beslissen uiterlijk %(datum)s")
            % {"nummer": tlv.beschikkingsnummer, "datum": f"{beslistermijn_eind(bezwaar):%d-%m-%Y}"},
            by=by,
            obj=tlv,
        )
    return bezwaar


def bezwaar_bijwerken(
    *,
    bezwaar: TlvBezwaar,
    by,
    hoorzitting_op: datetime.date | None,
    verdaagd: bool,
    uitkomst: str,
    beslist_op: datetime.date | None,
    toelichting: str = "",
) -> TlvBezwaar:
    """Record the hearing, a postponement and the outcome of a bezwaar. Pages pass the row locked by the
    optimistic check. Closing the bezwaar (an outcome) closes its deadline task at once."""
    from .deadlines import opgeloste_afhandelen

    if not _is_swv_rol(by, bezwaar.swv_id, Rol.SWV_COORDINATOR, Rol.SWV_MEDEWERKER) and by is not None:
        raise ValidationError(_("Alleen het samenwerkingsverband handelt een bezwaar af."))
    if beslist_op is not None and beslist_op > timezone.localdate():
        raise ValidationError({"beslist_op": _("De beslisdatum ligt in de toekomst.")})
    with tracked_write(by):
        bezwaar = TlvBezwaar.objects.select_for_update().select_related("tlv__casus").get(pk=bezwaar.pk)
        gewijzigd = model_update(
            bezwaar,
            {
                "hoorzitting_op": hoorzitting_op,
                "verdaagd": verdaagd,
                "uitkomst": uitkomst,
                "beslist_op": beslist_op,
                "toelichting": (toelichting or "").strip(),
            },
        )
        if "uitkomst" in gewijzigd and uitkomst:
            tijdlijn_toevoegen(
                casus=bezwaar.tlv.casus,
                soort="tlv",
                titel=_("Beslissing op bezwaar: %(uitkomst)s") % {"uitkomst": bezwaar.get_uitkomst_display()},
                by=by,
                obj=bezwaar.tlv,
            )
        opgeloste_afhandelen(bezwaar.tlv.casus_id)
    return bezwaar
