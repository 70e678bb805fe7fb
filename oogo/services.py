"""Writes of the OOGO (issue 13): meetings, agenda items, decisions, actions, the ontwikkelagenda, the
ondersteuningsplan cycle and geschillen. Pages, API, admin and tasks all call these.

Carry-over: an agenda item not finished in a meeting (voorgesteld, geagendeerd, besproken) becomes
`aangehouden` there and a copy in the next meeting of the same kind points back to it (`overgenomen_van`),
so the chain is the item's history; an open action moves its `opgevolgd_in` to the next meeting until it is
done (each move is in its pghistory). `overnemen` is idempotent: running it twice carries nothing twice.
"""

import datetime
import uuid
from collections.abc import Iterable
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.core.services import (
    UNSET,
    Unset,
    check_fields,
    check_same_swv,
    is_person,
    model_update,
    tracked_write,
)

from .models import (
    Actiepunt,
    Agendapunt,
    Besluit,
    Deelname,
    Geschil,
    Ondersteuningsplan,
    Ontwikkeldoel,
    Overleg,
    Voortgang,
)
from .workflow import (
    ACTIEPUNT_OPEN,
    ACTIEPUNT_OVERGANGEN,
    AGENDAPUNT_MET_UITKOMST,
    AGENDAPUNT_OPEN,
    AGENDAPUNT_OVERGANGEN,
    OVERLEG_OVERGANGEN,
    ActiepuntStatus,
    AgendapuntStatus,
    OverlegStatus,
)


def _gemeenten(swv, gemeenten: Iterable) -> list:
    gemeenten = check_same_swv("gemeenten", swv, gemeenten)
    if any(g.soort != "gemeente" for g in gemeenten):
        raise ValidationError({"gemeenten": _("Kies alleen gemeenten.")})
    return gemeenten


# --- overleg ---


class OverlegVelden(TypedDict, total=False):
    soort: str
    titel: str
    begin: datetime.datetime
    einde: datetime.datetime
    locatie: str
    videolink: str


def vorig_overleg(overleg: Overleg) -> Overleg | None:
    """The latest earlier meeting of the same kind (not cancelled): where carried-over items come from."""
    return (
        Overleg.objects.filter(swv_id=overleg.swv_id, soort=overleg.soort, begin__lt=overleg.begin)
        .exclude(status=OverlegStatus.GEANNULEERD)
        .exclude(pk=overleg.pk)
        .order_by("-begin", "-pk")
        .first()
    )


def volgend_overleg(overleg: Overleg) -> Overleg | None:
    """The first later meeting of the same kind that has not been held or cancelled."""
    return (
        Overleg.objects.filter(
            swv_id=overleg.swv_id,
            soort=overleg.soort,
            begin__gt=overleg.begin,
            status__in=[OverlegStatus.GEPLAND, OverlegStatus.AGENDA_VERSTUURD],
        )
        .exclude(pk=overleg.pk)
        .order_by("begin", "pk")
        .first()
    )


def overleg_plannen(
    *,
    swv,
    by,
    gemeenten: Iterable,
    genodigden: Iterable = (),
    **fields: Unpack[OverlegVelden],
) -> Overleg:
    """Plan a meeting; what the previous meeting of this kind left open comes onto its agenda."""
    check_fields(fields, OverlegVelden)
    with tracked_write(by):
        overleg = Overleg(swv_id=getattr(swv, "pk", swv), uid=f"oogo-{uuid.uuid4()}@ketenregie", **fields)
        overleg.full_clean()
        gemeenten = _gemeenten(overleg.swv_id, gemeenten)
        if not gemeenten:
            raise ValidationError({"gemeenten": _("Kies ten minste één gemeente.")})
        overleg.save()
        overleg.gemeenten.set(gemeenten)
        _genodigden_zetten(overleg, genodigden)
        vorige = vorig_overleg(overleg)
        if vorige is not None and vorige.status == OverlegStatus.GEHOUDEN:
            _overnemen(vorige, overleg)
    return overleg


def _genodigden_zetten(overleg: Overleg, genodigden: Iterable) -> None:
    personen = check_same_swv("genodigden", overleg.swv_id, genodigden)
    gewenst = {p.pk for p in personen}
    Deelname.objects.filter(overleg=overleg).exclude(persoon_id__in=gewenst).delete()
    bestaand = set(Deelname.objects.filter(overleg=overleg).values_list("persoon_id", flat=True))
    Deelname.objects.bulk_create(
        [Deelname(swv_id=overleg.swv_id, overleg=overleg, persoon_id=pk) for pk in gewenst - bestaand]
    )


def overleg_bijwerken(
    *,
    overleg: Overleg,
    by,
    gemeenten: Iterable | Unset = UNSET,
    genodigden: Iterable | Unset = UNSET,
    **fields: Unpack[OverlegVelden],
) -> Overleg:
    """Change a meeting not yet held; the ICS sequence goes up so calendars replace their entry."""
    check_fields(fields, OverlegVelden)
    with tracked_write(by):
        Overleg.objects.select_for_update().filter(pk=overleg.pk).first()
        if overleg.status in (OverlegStatus.GEHOUDEN, OverlegStatus.GEANNULEERD):
            raise ValidationError(_("Een gehouden of geannuleerd overleg kan niet meer worden gewijzigd."))
        andere_gemeenten = False
        if gemeenten is not UNSET:
            gemeenten = _gemeenten(overleg.swv_id, gemeenten)
            if not gemeenten:
                raise ValidationError({"gemeenten": _("Kies ten minste één gemeente.")})
            voor = set(overleg.gemeenten.values_list("pk", flat=True))
            overleg.gemeenten.set(gemeenten)
            andere_gemeenten = voor != {g.pk for g in gemeenten}
        if genodigden is not UNSET:
            _genodigden_zetten(overleg, genodigden)
        gewijzigd = model_update(overleg, fields)
        # Every field of OverlegVelden is in the calendar entry (time, place, title, kind), and the
        # gemeenten decide whose feed has it: each change must replace the entry in every calendar.
        if gewijzigd or andere_gemeenten:
            _ics_volgnummer_ophogen(overleg)
    return overleg


def _ics_volgnummer_ophogen(overleg: Overleg) -> None:
    """SEQUENCE + 1 in the database itself (F()), so two edits at once both count: a calendar ignores an
    update whose SEQUENCE is not higher than the one it has."""
    Overleg.objects.filter(pk=overleg.pk).update(ics_volgnummer=F("ics_volgnummer") + 1)
    overleg.refresh_from_db(fields=["ics_volgnummer"])


def overleg_status_zetten(*, overleg: Overleg, by, status: str) -> Overleg:
    """Agenda sent, held or cancelled. A held meeting hands its open items to the next one, if planned."""
    with tracked_write(by):
        Overleg.objects.select_for_update().filter(pk=overleg.pk).first()
        overleg.refresh_from_db(fields=["status"])
        if status not in OVERLEG_OVERGANGEN.get(overleg.status, frozenset()):
            raise ValidationError(
                {
                    "status": _("Van '%(van)s' kan het overleg niet naar deze status.")
                    % {"van": overleg.get_status_display()}
                }
            )
        overleg.status = status
        overleg.save(update_fields=["status"])
        # Cancelled: STATUS:CANCELLED must reach the calendars, so the entry is replaced (decision 64).
        _ics_volgnummer_ophogen(overleg)
        # --- part oogo-cijfers: the figures on the table are frozen when the agenda goes out (decision 67) ---
        # A meeting held without a sent agenda freezes then, so its minutes never show moving figures.
        if status == OverlegStatus.AGENDA_VERSTUURD or (
            status == OverlegStatus.GEHOUDEN and not overleg.datapakketten.exists()
        ):
            from .services_datapakket import datapakketten_bevriezen

            datapakketten_bevriezen(overleg, by)
        if status == OverlegStatus.GEHOUDEN:
            volgende = volgend_overleg(overleg)
            if volgende is not None:
                _overnemen(overleg, volgende)
        # --- part oogo-pdf: the agenda PDF by e-mail to the invited. Rows now, the mail after commit
        # (oogo/verzending.py): a rolled-back status change sends nothing.
        if status == OverlegStatus.AGENDA_VERSTUURD:
            from .verzending import verzending_aanvragen

            verzending_aanvragen(overleg=overleg, soort="agenda", by=by)
        # --- part oogo-afwerking: cancelled after the agenda went out: those who got it are told, with
        # the .ics in STATUS:CANCELLED so their calendar drops the entry (oogo/verzending.py).
        if status == OverlegStatus.GEANNULEERD:
            from .verzending import annulering_aanvragen

            annulering_aanvragen(overleg=overleg, by=by)
    return overleg


def aanwezigheid_vastleggen(*, overleg: Overleg, by, aanwezigheid: dict[int, str]) -> None:
    """persoon id -> Deelname.Aanwezigheid value, for the invited people of this meeting."""
    geldig = set(Deelname.Aanwezigheid.values)
    if set(aanwezigheid.values()) - geldig:
        raise ValidationError({"aanwezigheid": _("Onbekende waarde voor aanwezigheid.")})
    with tracked_write(by):
        for deelname in Deelname.objects.filter(overleg=overleg, persoon_id__in=aanwezigheid):
            deelname.aanwezigheid = aanwezigheid[deelname.persoon_id]
            deelname.save(update_fields=["aanwezigheid"])


def overnemen(*, van: Overleg, naar: Overleg, by) -> dict[str, int]:
    """Carry the open items and actions of `van` to `naar` (same kind, later); idempotent."""
    if van.swv_id != naar.swv_id or van.soort != naar.soort or naar.begin <= van.begin:
        raise ValidationError(_("Alleen naar een later overleg van dezelfde soort."))
    if naar.status in (OverlegStatus.GEHOUDEN, OverlegStatus.GEANNULEERD):
        raise ValidationError(_("Een gehouden of geannuleerd overleg krijgt geen punten meer."))
    with tracked_write(by):
        return _overnemen(van, naar)


def _overnemen(van: Overleg, naar: Overleg) -> dict[str, int]:
    # Lock the source items: two carry-overs at once would copy an item twice (the one-to-one refuses it).
    punten = list(
        Agendapunt.objects.select_for_update(of=("self",))
        .filter(overleg=van, status__in=[*AGENDAPUNT_OPEN, AgendapuntStatus.AANGEHOUDEN])
        .filter(overgenomen_naar__isnull=True)
        .order_by("volgorde", "pk")
    )
    volgorde = Agendapunt.objects.filter(overleg=naar).aggregate(m=Max("volgorde"))["m"] or 0
    for punt in punten:
        if punt.status != AgendapuntStatus.AANGEHOUDEN:
            punt.status = AgendapuntStatus.AANGEHOUDEN
            punt.save(update_fields=["status"])
        volgorde += 1
        Agendapunt.objects.create(
            swv_id=naar.swv_id,
            overleg=naar,
            volgorde=volgorde,
            titel=punt.titel,
            thema=punt.thema,
            ambitie_id=punt.ambitie_id,
            toelichting=punt.toelichting,
            indiener_id=punt.indiener_id,
            status=AgendapuntStatus.GEAGENDEERD,
            overgenomen_van=punt,
        )
    acties = 0
    for actie in Actiepunt.objects.select_for_update().filter(
        swv_id=van.swv_id, status__in=ACTIEPUNT_OPEN, opgevolgd_in=van
    ):
        actie.opgevolgd_in = naar
        actie.save(update_fields=["opgevolgd_in"])
        acties += 1
    return {"agendapunten": len(punten), "actiepunten": acties}


# --- agendapunten ---


class AgendapuntVelden(TypedDict, total=False):
    titel: str
    thema: str
    toelichting: str


def agendapunt_toevoegen(
    *,
    overleg: Overleg,
    by,
    ambitie: Ontwikkeldoel | None = None,
    indiener=None,
    **fields: Unpack[AgendapuntVelden],
) -> Agendapunt:
    check_fields(fields, AgendapuntVelden)
    with tracked_write(by):
        Overleg.objects.select_for_update().filter(pk=overleg.pk).first()
        if overleg.status in (OverlegStatus.GEHOUDEN, OverlegStatus.GEANNULEERD):
            raise ValidationError(_("Een gehouden of geannuleerd overleg krijgt geen agendapunten meer."))
        check_same_swv("ambitie", overleg.swv_id, [ambitie] if ambitie else [])
        check_same_swv("indiener", overleg.swv_id, [indiener] if indiener else [])
        volgorde = Agendapunt.objects.filter(overleg=overleg).aggregate(m=Max("volgorde"))["m"] or 0
        punt = Agendapunt(
            swv_id=overleg.swv_id,
            overleg=overleg,
            volgorde=volgorde + 1,
            ambitie=ambitie,
            indiener=indiener,
            **fields,
        )
        punt.full_clean()
        punt.save()
    return punt


def agendapunt_status_zetten(
    *, agendapunt: Agendapunt, by, status: str, uitkomst: str | None = None
) -> Agendapunt:
    """Move an item along its status rules (oogo/workflow.py); agreement or its absence needs the outcome."""
    if status == AgendapuntStatus.VOORGELEGD:
        raise ValidationError({"status": _("Leg een geschil voor via 'Geschil voorleggen'.")})
    with tracked_write(by):
        agendapunt = Agendapunt.objects.select_for_update().get(pk=agendapunt.pk)
        if status not in AGENDAPUNT_OVERGANGEN.get(agendapunt.status, frozenset()):
            raise ValidationError(
                {
                    "status": _("Van '%(van)s' kan dit agendapunt niet naar '%(naar)s'.")
                    % {"van": agendapunt.get_status_display(), "naar": AgendapuntStatus(status).label}
                }
            )
        uitkomst = agendapunt.uitkomst if uitkomst is None else uitkomst.strip()
        if status in AGENDAPUNT_MET_UITKOMST and not uitkomst:
            raise ValidationError({"uitkomst": _("Beschrijf de uitkomst.")})
        model_update(agendapunt, {"status": status, "uitkomst": uitkomst})
    return agendapunt


# --- besluiten en actiepunten ---


def besluit_vastleggen(*, overleg: Overleg, by, tekst: str, agendapunt: Agendapunt | None = None) -> Besluit:
    if agendapunt is not None and agendapunt.overleg_id != overleg.pk:
        raise ValidationError({"agendapunt": _("Dit agendapunt hoort bij een ander overleg.")})
    with tracked_write(by):
        besluit = Besluit(swv_id=overleg.swv_id, overleg=overleg, agendapunt=agendapunt, tekst=tekst.strip())
        besluit.full_clean()
        besluit.save()
    return besluit


def actiepunt_toevoegen(
    *,
    overleg: Overleg,
    by,
    omschrijving: str,
    eigenaar,
    deadline: datetime.date,
    agendapunt: Agendapunt | None = None,
) -> Actiepunt:
    if agendapunt is not None and agendapunt.overleg_id != overleg.pk:
        raise ValidationError({"agendapunt": _("Dit agendapunt hoort bij een ander overleg.")})
    check_same_swv("eigenaar", overleg.swv_id, [eigenaar] if eigenaar else [])
    with tracked_write(by):
        actie = Actiepunt(
            swv_id=overleg.swv_id,
            overleg=overleg,
            opgevolgd_in=overleg,
            agendapunt=agendapunt,
            omschrijving=omschrijving.strip(),
            eigenaar=eigenaar,
            deadline=deadline,
            bijgewerkt_door=by if is_person(by) else None,
        )
        actie.full_clean()
        actie.save()
    return actie


def actiepunt_status_zetten(
    *, actiepunt: Actiepunt, by, status: str, toelichting: str | None = None
) -> Actiepunt:
    with tracked_write(by):
        actiepunt = Actiepunt.objects.select_for_update().get(pk=actiepunt.pk)
        if status != actiepunt.status and status not in ACTIEPUNT_OVERGANGEN.get(
            actiepunt.status, frozenset()
        ):
            raise ValidationError(
                {
                    "status": _("Van '%(van)s' kan dit actiepunt niet naar '%(naar)s'.")
                    % {"van": actiepunt.get_status_display(), "naar": ActiepuntStatus(status).label}
                }
            )
        velden: dict = {
            "status": status,
            "gereed_op": timezone.localdate() if status == ActiepuntStatus.GEREED else None,
        }
        if toelichting is not None:
            velden["toelichting"] = toelichting
        if is_person(by):
            velden["bijgewerkt_door"] = by
        model_update(actiepunt, velden)
    from .deadlines import controleer_deadlines

    controleer_deadlines(swv_id=actiepunt.swv_id)  # the reminder of a finished action disappears at once
    return actiepunt


# --- ontwikkelagenda ---


def ontwikkeldoel_maken(
    *, swv, by, thema: str, ambitie: str, doel: str, van_jaar: int, tot_jaar: int
) -> Ontwikkeldoel:
    with tracked_write(by):
        obj = Ontwikkeldoel(
            swv_id=getattr(swv, "pk", swv),
            thema=thema,
            ambitie=ambitie,
            doel=doel,
            van_jaar=van_jaar,
            tot_jaar=tot_jaar,
        )
        obj.full_clean()
        obj.save()
    return obj


def voortgang_vastleggen(
    *,
    doel: Ontwikkeldoel,
    by,
    notitie: str,
    overleg: Overleg | None = None,
    datum: datetime.date | None = None,
) -> Voortgang:
    check_same_swv("overleg", doel.swv_id, [overleg] if overleg else [])
    with tracked_write(by):
        obj = Voortgang(
            swv_id=doel.swv_id,
            doel=doel,
            overleg=overleg,
            notitie=notitie.strip(),
            datum=datum or (timezone.localtime(overleg.begin).date() if overleg else timezone.localdate()),
        )
        obj.full_clean()
        obj.save()
    return obj


# --- ondersteuningsplan ---


def ondersteuningsplan_maken(
    *, swv, by, titel: str, periode_van: datetime.date, periode_tot: datetime.date
) -> Ondersteuningsplan:
    with tracked_write(by):
        plan = Ondersteuningsplan(
            swv_id=getattr(swv, "pk", swv), titel=titel, periode_van=periode_van, periode_tot=periode_tot
        )
        plan.full_clean()
        plan.save()
    return plan


def ondersteuningsplan_oogo_koppelen(*, plan: Ondersteuningsplan, by, overleg: Overleg) -> Ondersteuningsplan:
    check_same_swv("oogo_overleg", plan.swv_id, [overleg])
    with tracked_write(by):
        model_update(plan, {"oogo_overleg": overleg})
    return plan


def ondersteuningsplan_vaststellen(*, plan: Ondersteuningsplan, by, op: datetime.date) -> Ondersteuningsplan:
    """WPO 18a lid 8 / WVO 2020 2.47 lid 8: the OOGO with the gemeenten comes before adoption."""
    overleg = plan.oogo_overleg
    if overleg is None or overleg.status != OverlegStatus.GEHOUDEN:
        raise ValidationError(
            {"vastgesteld_op": _("Het OOGO over het plan moet gehouden zijn voordat het wordt vastgesteld.")}
        )
    if timezone.localtime(overleg.begin).date() > op:
        raise ValidationError({"vastgesteld_op": _("Het plan kan niet worden vastgesteld vóór het OOGO.")})
    with tracked_write(by):
        model_update(plan, {"vastgesteld_op": op})
    return plan


def ondersteuningsplan_naar_inspectie(
    *, plan: Ondersteuningsplan, by, op: datetime.date
) -> Ondersteuningsplan:
    if plan.vastgesteld_op is None or op < plan.vastgesteld_op:
        raise ValidationError({"naar_inspectie_op": _("Stel het plan eerst vast.")})
    with tracked_write(by):
        model_update(plan, {"naar_inspectie_op": op})
    return plan


# --- geschil ---


def geschil_voorleggen(
    *, agendapunt: Agendapunt, by, gemeente, ingediend_door: str, ingediend_op: datetime.date
) -> Geschil:
    """Submit an item without agreement to the geschillencommissie; the item becomes `voorgelegd`."""
    with tracked_write(by):
        agendapunt = Agendapunt.objects.select_for_update().get(pk=agendapunt.pk)
        if agendapunt.status != AgendapuntStatus.GEEN_OVEREENSTEMMING:
            raise ValidationError(
                {
                    "status": _(
                        "Alleen een agendapunt zonder overeenstemming kan aan de geschillencommissie worden voorgelegd."
                    )
                }
            )
        if not agendapunt.overleg.gemeenten.filter(pk=gemeente.pk).exists():
            raise ValidationError({"gemeente": _("Deze gemeente nam niet deel aan het overleg.")})
        geschil = Geschil(
            swv_id=agendapunt.swv_id,
            agendapunt=agendapunt,
            gemeente=gemeente,
            ingediend_door=ingediend_door,
            ingediend_op=ingediend_op,
        )
        geschil.full_clean()
        geschil.save()
        model_update(agendapunt, {"status": AgendapuntStatus.VOORGELEGD})
    from .deadlines import controleer_deadlines

    controleer_deadlines(swv_id=geschil.swv_id)
    return geschil


def geschil_bijwerken(
    *,
    geschil: Geschil,
    by,
    verweer_ontvangen_op: datetime.date | None | Unset = UNSET,
    advies_ontvangen_op: datetime.date | None | Unset = UNSET,
    advies: str | Unset = UNSET,
) -> Geschil:
    velden = {
        k: v
        for k, v in {
            "verweer_ontvangen_op": verweer_ontvangen_op,
            "advies_ontvangen_op": advies_ontvangen_op,
            "advies": advies,
        }.items()
        if v is not UNSET
    }
    nieuw_verweer = (
        geschil.verweer_ontvangen_op if isinstance(verweer_ontvangen_op, Unset) else verweer_ontvangen_op
    )
    if nieuw_verweer is not None and nieuw_verweer < geschil.ingediend_op:
        raise ValidationError(
            {"verweer_ontvangen_op": _("Het verweer kan niet vóór de indiening zijn ontvangen.")}
        )
    with tracked_write(by):
        model_update(geschil, velden)
    from .deadlines import controleer_deadlines

    controleer_deadlines(swv_id=geschil.swv_id)
    return geschil
