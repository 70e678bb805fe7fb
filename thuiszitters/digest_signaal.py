"""The daily digest of new signals (issue 12, decision 56): each signal is mailed once to the people it is for.

Who gets it (the same people the visibility rule shows the signal to, narrowed for the SWV to its
coordinators, as the cases tasks do): the school roles of the signal's school (`voor_school`), the
leerplichtambtenaren whose organisation works for the pupil's woongemeente (`voor_leerplicht`), and the SWV
coordinators of the signal's SWV (`voor_swv`); active memberships and accounts with an e-mail address only.

The mail says how many new signals there are and where to find them, nothing more: no BSN, no pupil name,
no school (e-mail leaves the application; the page behind the login shows the rest).

Idempotent and safe with two runs at once: the unmailed rows are locked (`skip_locked`) and marked
`gemaild_op` in the same transaction as the sending, like `cases.deadlines.verstuur_digest`. A signal closed
before the digest ran is not mailed (nothing is left to do).
"""

from collections import Counter, defaultdict

from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from swv.core.models import SCHOOL_ROLLEN, Lidmaatschap, Rol

from .models import Signaal
from .models.signaal import SignaalStatus


def _ontvangers(signalen: list[Signaal]) -> dict[int, list[Signaal]]:
    """user id -> the signals of `signalen` meant for that user (three queries, whatever the number)."""
    leden = Lidmaatschap.objects.filter(
        actief=True, user__is_active=True, swv_id__in={s.swv_id for s in signalen}
    )
    per_school: dict[tuple[int, int], set[int]] = defaultdict(set)
    for swv_id, organisatie_id, user_id in leden.filter(
        rol__in=SCHOOL_ROLLEN, organisatie_id__in={s.school_id for s in signalen if s.voor_school}
    ).values_list("swv_id", "organisatie_id", "user_id"):
        per_school[(swv_id, organisatie_id)].add(user_id)
    per_gemeente: dict[tuple[int, int], set[int]] = defaultdict(set)
    for swv_id, soort, organisatie_id, gemeente_id, user_id in leden.filter(
        rol=Rol.LEERPLICHTAMBTENAAR
    ).values_list("swv_id", "organisatie__soort", "organisatie_id", "organisatie__gemeente_id", "user_id"):
        # The gemeente a leerplicht organisation works for (cases.querysets.gemeente_van, on values).
        gemeente = organisatie_id if soort == "gemeente" else gemeente_id
        if gemeente:
            per_gemeente[(swv_id, gemeente)].add(user_id)
    per_swv: dict[int, set[int]] = defaultdict(set)
    for swv_id, user_id in leden.filter(rol=Rol.SWV_COORDINATOR).values_list("swv_id", "user_id"):
        per_swv[swv_id].add(user_id)

    resultaat: dict[int, list[Signaal]] = defaultdict(list)
    for signaal in signalen:
        users: set[int] = set()
        if signaal.voor_school and signaal.school_id:
            users |= per_school.get((signaal.swv_id, signaal.school_id), set())
        if signaal.voor_leerplicht:
            users |= per_gemeente.get((signaal.swv_id, signaal.leerling.woongemeente_id), set())
        if signaal.voor_swv:
            users |= per_swv.get(signaal.swv_id, set())
        for user_id in users:
            resultaat[user_id].append(signaal)
    return resultaat


def verstuur_signalen_digest() -> int:
    """Mail every user the number of new signals for them, one message per user; returns the number of mails."""
    User = get_user_model()
    with transaction.atomic():
        signalen = list(
            Signaal.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(gemaild_op__isnull=True)
            .exclude(status=SignaalStatus.GESLOTEN)
            .select_related("leerling")
            .only(
                "pk",
                "swv_id",
                "school_id",
                "voor_school",
                "voor_leerplicht",
                "voor_swv",
                "regel",
                "leerling__woongemeente_id",
            )
        )
        if not signalen:
            return 0
        per_user = _ontvangers(signalen)
        adressen = dict(User.objects.filter(pk__in=per_user).exclude(email="").values_list("pk", "email"))
        pad = reverse("thuiszitters:signaal_lijst")
        berichten = []
        for user_id, lijst in per_user.items():
            if user_id not in adressen:
                continue
            tekst = ngettext(
                "Er is %(aantal)d nieuw verzuimsignaal voor u in Ketenregie.",
                "Er zijn %(aantal)d nieuwe verzuimsignalen voor u in Ketenregie.",
                len(lijst),
            ) % {"aantal": len(lijst)}
            # Per rule by its Dutch label (no pupil data: only the kind of signal and how many).
            per_regel = Counter(signaal.get_regel_display() for signaal in lijst)
            tekst += "\n\n" + "\n".join(f"- {titel}: {aantal}" for titel, aantal in sorted(per_regel.items()))
            tekst += "\n\n" + _(
                "Bekijk ze onder 'Signalen' (%(pad)s) of in 'Mijn taken'. Om privacyredenen staan er geen "
                "leerlinggegevens in deze e-mail."
            ) % {"pad": pad}
            berichten.append((_("Nieuwe verzuimsignalen in Ketenregie"), tekst, None, [adressen[user_id]]))
        send_mass_mail(berichten, fail_silently=False)
        Signaal.objects.filter(pk__in=[s.pk for s in signalen]).update(gemaild_op=timezone.now())
    return len(berichten)
