"""Writes of the ondersteuningsteam (OT) and the ouders' toestemming (issue 10, part team).

Who may call these is the caller's check (`get_casus_for_user(..., write=True)` and the rules); these keep
the data consistent: same SWV, the right kind of person for a role, consent only from someone who may give
it. Every write is tracked (pghistory context of `by`) and put on the case's tijdlijn, in one transaction.

Access follows from these rows (cases/querysets.py `CasusQuerySet.visible_to`): a ketenpartner sees the
case while an active membership *and* a valid consent (purpose `deelname_ot`) for their organisation
exist; ending the one or withdrawing the other removes access on the next request. Nothing is deleted.
"""

import datetime
import logging
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from swv.core.models import SCHOOL_ROLLEN, SWV_ROLLEN, Lidmaatschap, Rol
from swv.core.services import check_same_swv, tracked_write

from .models import Casus, OtLid, Ouder, Toestemming
from .tijdlijn import tijdlijn_toevoegen

logger = logging.getLogger(__name__)

# Which account roles may take part in the OT in each OT role (the acting membership at the member's
# organisation). Ouders take part as ouders of the pupil, not through an account (not users yet).
ACCOUNTROLLEN_PER_OTROL: dict[str, frozenset[str]] = {
    OtLid.Rol.SCHOOL: SCHOOL_ROLLEN,
    OtLid.Rol.SWV: SWV_ROLLEN,
    OtLid.Rol.PARTNER: frozenset({Rol.KETENPARTNER}),
    OtLid.Rol.LEERPLICHT: frozenset({Rol.LEERPLICHTAMBTENAAR}),
    OtLid.Rol.OUDERS: frozenset(),
}

# The legal basis follows from the role, never from a choice on a form: only leerplicht (Leerplichtwet)
# and the school and SWV themselves (Wet passend onderwijs) take part without consent. A partner always
# needs the ouders' consent (issue 10), so no one can open a case to a partner by ticking a box.
GRONDSLAG_PER_OTROL: dict[str, str] = {
    OtLid.Rol.SCHOOL: OtLid.Grondslag.WETTELIJKE_TAAK,
    OtLid.Rol.SWV: OtLid.Grondslag.WETTELIJKE_TAAK,
    OtLid.Rol.LEERPLICHT: OtLid.Grondslag.WETTELIJKE_TAAK,
    OtLid.Rol.PARTNER: OtLid.Grondslag.TOESTEMMING,
    OtLid.Rol.OUDERS: OtLid.Grondslag.TOESTEMMING,
}

LEEFTIJD_EIGEN_TOESTEMMING = 16


def leeftijd_op(geboortedatum: datetime.date, dag: datetime.date) -> int:
    """Full years on `dag` (a birthday on 29 February counts from 1 March in other years)."""
    return dag.year - geboortedatum.year - ((dag.month, dag.day) < (geboortedatum.month, geboortedatum.day))


def naam_lid(lid: OtLid) -> str:
    if lid.ouder is not None:
        return f"{lid.ouder.voornaam} {lid.ouder.achternaam}".strip()
    if lid.gebruiker is not None:
        return lid.gebruiker.get_full_name() or lid.gebruiker.get_username()
    if lid.persoon is not None:
        return str(lid.persoon)
    return str(lid.organisatie or "")


def ot_lid_toevoegen(
    *,
    casus: Casus,
    by,
    rol: str,
    organisatie=None,
    persoon=None,
    gebruiker=None,
    ouder: Ouder | None = None,
    functie: str = "",
    van: datetime.date | None = None,
    uitnodigen: bool = True,
) -> OtLid:
    """Add a member to the case's OT: a person of an organisation of the registry (`persoon`, contact
    details), an account that gets access (`gebruiker`: someone with an active membership in a fitting
    role at `organisatie` in this SWV), or an ouder of the pupil. Inviting a partner professional is adding
    their account; they are told by e-mail after the commit (not with `uitnodigen=False`: the demo data,
    whose members joined long ago). The legal basis follows from the role.
    Raises a Dutch ValidationError (on the field) and changes nothing on bad input."""
    if rol not in OtLid.Rol.values:
        raise ValidationError({"rol": _("Kies een rol in het team.")})
    if organisatie is not None:
        check_same_swv("organisatie", casus.swv_id, [organisatie])
    if persoon is not None:
        check_same_swv("persoon", casus.swv_id, [persoon])
    if rol == OtLid.Rol.OUDERS:
        if ouder is None:
            raise ValidationError({"ouder": _("Kies de ouder of verzorger.")})
        if ouder.leerling_id != casus.leerling_id:
            raise ValidationError({"ouder": _("Kies een ouder of verzorger van deze leerling.")})
        if organisatie is not None or gebruiker is not None:
            raise ValidationError({"organisatie": _("Een ouder neemt deel zonder organisatie of account.")})
    else:
        if ouder is not None:
            raise ValidationError({"ouder": _("Alleen bij de rol ouders kiest u een ouder.")})
        if organisatie is None:
            raise ValidationError({"organisatie": _("Kies de organisatie waarvoor deze persoon deelneemt.")})
        if persoon is None and gebruiker is None:
            raise ValidationError({"gebruiker": _("Kies een persoon uit de sociale kaart of een gebruiker.")})
    # The access rule matches the member's account *and* organisation with the acting membership, so
    # the account must be able to act for that organisation in a role that fits the OT role.
    if (
        gebruiker is not None
        and not Lidmaatschap.objects.filter(
            swv_id=casus.swv_id,
            user=gebruiker,
            organisatie=organisatie,
            rol__in=sorted(ACCOUNTROLLEN_PER_OTROL[rol]),
            actief=True,
        ).exists()
    ):
        raise ValidationError(
            {
                "gebruiker": _(
                    "Deze gebruiker werkt niet in een passende rol voor deze organisatie in dit samenwerkingsverband."
                )
            }
        )
    lid = OtLid(
        swv_id=casus.swv_id,
        casus=casus,
        rol=rol,
        organisatie=organisatie,
        persoon=persoon,
        gebruiker=gebruiker,
        ouder=ouder,
        functie=functie,
        grondslag=GRONDSLAG_PER_OTROL[rol],
        van=van or timezone.localdate(),
        uitgenodigd_door=by
        if getattr(by, "is_authenticated", False) and not getattr(by, "is_api_client", False)
        else None,
    )
    lid.full_clean()
    with tracked_write(by):
        lid.save()
        tijdlijn_toevoegen(
            casus=casus,
            soort="ot",
            titel=_("%(wie)s toegevoegd aan het ondersteuningsteam (%(rol)s)")
            % {"wie": naam_lid(lid), "rol": lid.get_rol_display()},
            toelichting=_("Grondslag: %(grondslag)s") % {"grondslag": lid.get_grondslag_display()},
            by=by,
            obj=lid,
        )
        if uitnodigen and gebruiker is not None and gebruiker.email:
            transaction.on_commit(partial(_mail_uitnodiging, lid.pk))
    logger.info("ot-lid toegevoegd", extra={"casus_id": casus.pk, "ot_lid_id": lid.pk, "rol": rol})
    return lid


def _mail_uitnodiging(lid_id: int) -> None:
    """Tell the new member by e-mail. No pupil data in the mail (e-mail is not a safe channel): only that
    there is a case for them, and where to find it. A failed mail is logged; the membership stands."""
    lid = OtLid.objects.select_related("gebruiker", "organisatie", "swv").filter(pk=lid_id).first()
    if lid is None or lid.gebruiker is None:
        return
    context = {"lid": lid, "gebruiker": lid.gebruiker}
    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = " ".join(render_to_string("emails/ot_uitnodiging_onderwerp.txt", context).split())
        tekst = render_to_string("emails/ot_uitnodiging.txt", context)
    try:
        send_mail(onderwerp, tekst, None, [lid.gebruiker.email], fail_silently=False)
    except OSError:
        logger.exception("uitnodiging ot niet verstuurd", extra={"ot_lid_id": lid.pk})


def ot_lid_beeindigen(*, lid: OtLid, by, reden: str = "", op: datetime.datetime | None = None) -> OtLid:
    """End a membership (kept, with its end and reason). A partner loses access to the case at once."""
    with tracked_write(by):
        lid = (
            OtLid.objects.select_for_update(of=("self",))
            .select_related("casus", "gebruiker", "persoon", "ouder", "organisatie")
            .get(pk=lid.pk)
        )
        if lid.beeindigd_op is not None:
            raise ValidationError(_("Dit lidmaatschap van het ondersteuningsteam is al beëindigd."))
        lid.beeindigd_op = op or timezone.now()
        lid.reden_einde = reden.strip()
        lid.full_clean()
        lid.save(update_fields=["beeindigd_op", "reden_einde"])
        tijdlijn_toevoegen(
            casus=lid.casus,
            soort="ot",
            titel=_("%(wie)s is geen lid meer van het ondersteuningsteam (%(rol)s)")
            % {"wie": naam_lid(lid), "rol": lid.get_rol_display()},
            toelichting=lid.reden_einde,
            by=by,
            obj=lid,
        )
    logger.info("ot-lid beeindigd", extra={"casus_id": lid.casus_id, "ot_lid_id": lid.pk})
    return lid


def toestemming_vastleggen(
    *,
    casus: Casus,
    by,
    doel: str,
    organisatie,
    gegeven_op: datetime.date,
    wijze: str,
    gegeven_door_ouder: Ouder | None = None,
    gegeven_door_leerling: bool = False,
    geldig_tot: datetime.date | None = None,
) -> Toestemming:
    """Record a consent for one purpose and one organisation, given by an ouder *with* parental authority
    or by the pupil when 16 or older on `gegeven_op`. Consent belongs to the pupil (it also counts for a
    later case of the same pupil); `casus` is where it was asked, and gets the tijdlijn entry."""
    check_same_swv("organisatie", casus.swv_id, [organisatie])
    leerling = casus.leerling
    if gegeven_door_ouder is not None and gegeven_door_leerling:
        raise ValidationError(
            {"gegeven_door_ouder": _("Kies wie de toestemming gaf: een ouder met gezag of de leerling.")}
        )
    if gegeven_door_ouder is not None:
        if gegeven_door_ouder.leerling_id != leerling.pk:
            raise ValidationError({"gegeven_door_ouder": _("Kies een ouder of verzorger van deze leerling.")})
        if not gegeven_door_ouder.gezag:
            raise ValidationError(
                {
                    "gegeven_door_ouder": _(
                        "Deze ouder of verzorger heeft geen ouderlijk gezag en kan geen toestemming geven."
                    )
                }
            )
    if (
        gegeven_door_leerling
        and gegeven_op
        and leeftijd_op(leerling.geboortedatum, gegeven_op) < LEEFTIJD_EIGEN_TOESTEMMING
    ):
        raise ValidationError(
            {
                "gegeven_door_leerling": _(
                    "De leerling was op die dag jonger dan 16 jaar; de ouders met gezag geven de toestemming."
                )
            }
        )
    if gegeven_op and gegeven_op > timezone.localdate():
        raise ValidationError({"gegeven_op": _("De datum van de toestemming ligt in de toekomst.")})
    toestemming = Toestemming(
        swv_id=casus.swv_id,
        leerling=leerling,
        casus=casus,
        doel=doel,
        organisatie=organisatie,
        gegeven_door_ouder=gegeven_door_ouder,
        gegeven_door_leerling=gegeven_door_leerling,
        gegeven_op=gegeven_op,
        wijze=wijze,
        geldig_tot=geldig_tot,
        vastgelegd_door=by
        if getattr(by, "is_authenticated", False) and not getattr(by, "is_api_client", False)
        else None,
    )
    toestemming.full_clean()
    with tracked_write(by):
        toestemming.save()
        tijdlijn_toevoegen(
            casus=casus,
            soort="toestemming",
            titel=_("Toestemming vastgelegd: %(doel)s, %(organisatie)s")
            % {"doel": toestemming.get_doel_display(), "organisatie": organisatie.naam},
            toelichting=_gever_tekst(toestemming),
            by=by,
            obj=toestemming,
        )
    logger.info("toestemming vastgelegd", extra={"casus_id": casus.pk, "toestemming_id": toestemming.pk})
    return toestemming


def _gever_tekst(toestemming: Toestemming) -> str:
    if toestemming.gegeven_door_leerling:
        gever = _("de leerling")
    else:
        ouder = toestemming.gegeven_door_ouder
        gever = f"{ouder.voornaam} {ouder.achternaam}".strip() if ouder else ""
    tekst = _("Gegeven door %(gever)s op %(datum)s (%(wijze)s)") % {
        "gever": gever,
        "datum": toestemming.gegeven_op.strftime("%d-%m-%Y"),
        "wijze": toestemming.get_wijze_display().lower(),
    }
    if toestemming.geldig_tot:
        tekst += "; " + _("geldig tot en met %(datum)s") % {
            "datum": toestemming.geldig_tot.strftime("%d-%m-%Y")
        }
    return tekst


def toestemming_intrekken(
    *, toestemming: Toestemming, by, reden: str, op: datetime.datetime | None = None
) -> Toestemming:
    """Withdraw a consent: it stays (with when and why; pghistory keeps every version) and stops counting
    at once, so a partner whose access rested on it no longer sees the case on their next request."""
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef de reden van de intrekking.")})
    with tracked_write(by):
        toestemming = (
            Toestemming.objects.select_for_update(of=("self",))
            .select_related("casus", "organisatie")
            .get(pk=toestemming.pk)
        )
        if toestemming.ingetrokken_op is not None:
            raise ValidationError(_("Deze toestemming is al ingetrokken."))
        toestemming.ingetrokken_op = op or timezone.now()
        toestemming.reden_intrekking = reden.strip()
        toestemming.full_clean()
        toestemming.save(update_fields=["ingetrokken_op", "reden_intrekking"])
        if toestemming.casus is not None:
            tijdlijn_toevoegen(
                casus=toestemming.casus,
                soort="toestemming",
                titel=_("Toestemming ingetrokken: %(doel)s, %(organisatie)s")
                % {"doel": toestemming.get_doel_display(), "organisatie": toestemming.organisatie.naam},
                toelichting=toestemming.reden_intrekking,
                by=by,
                obj=toestemming,
            )
    logger.info("toestemming ingetrokken", extra={"toestemming_id": toestemming.pk})
    return toestemming
