"""The one visibility rule for pupils. Every list, detail, export and API queryset starts here."""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from swv.core.acting import lidmaatschap_van
from swv.core.models import SCHOOL_ROLLEN, SWV_ROLLEN, Rol
from swv.core.tenancy import TenantQuerySet


class LeerlingQuerySet(TenantQuerySet):
    def visible_to(self, user) -> "LeerlingQuerySet":
        """Pupils the user may see through the membership they act for (deny by default).

        - always only the acting membership's SWV (tenant), never anonymised rows;
        - SWV roles (coördinator, deskundige, medewerker): every pupil of their SWV;
        - school roles (zorgcoördinator, intern begeleider, directeur): pupils of their own school;
        - leerplichtambtenaar: pupils living in the gemeente of their organisation
          (`Organisatie.gemeente`, or the organisation itself when it is a gemeente);
        - ketenpartner: the pupils of the cases they may see (`Casus.objects.visible_to`: an active OT
          membership and a valid consent for their organisation), nothing else;
        - bestuurder (aggregates only), beheerder, no membership: none.
        """
        # A partner system (API client) has a tenant but no role: it sees pupils only with the scope
        # leerlingen:lezen, and then as its organisation would (see `_voor_api_client`).
        if getattr(user, "is_api_client", False):
            return self._voor_api_client(user)
        # People see pupils through a role. The tenant itself is the platform's one rule.
        lidmaatschap = lidmaatschap_van(user)
        if lidmaatschap is None:
            return self.none()
        qs = super().visible_to(user).filter(geanonimiseerd_op__isnull=True)
        rol = lidmaatschap.rol
        if rol in SWV_ROLLEN:
            return qs
        if rol in SCHOOL_ROLLEN:
            return qs.filter(school_id=lidmaatschap.organisatie_id)
        if rol == Rol.LEERPLICHTAMBTENAAR:
            gemeente_id = gemeente_van(lidmaatschap.organisatie)
            return qs.filter(woongemeente_id=gemeente_id) if gemeente_id else self.none()
        if rol == Rol.KETENPARTNER:
            # Exactly the pupils of the cases they may see: the case rule (membership and consent) decides.
            from .models import Casus

            return qs.filter(pk__in=Casus.objects.visible_to(user).values("leerling_id"))
        return self.none()

    def _voor_api_client(self, user) -> "LeerlingQuerySet":
        """An API client with `leerlingen:lezen` (issue 10; docs/api.md): a school's system sees that
        school's pupils, a gemeente's or leerplicht organisation's system the pupils living in its gemeente,
        the SWV bureau's system every pupil of the SWV; any other organisation none. Without the scope, none."""
        from swv.core.api.scopes import Scope

        client = user.api_client
        if Scope.LEERLINGEN_LEZEN not in client.scopes:
            return self.none()
        qs = super().visible_to(user).filter(geanonimiseerd_op__isnull=True)
        organisatie = client.organisatie
        if organisatie.soort == "swv":
            return qs
        if organisatie.soort == "school":
            return qs.filter(school_id=organisatie.pk)
        if organisatie.soort in ("gemeente", "leerplicht"):
            gemeente_id = gemeente_van(organisatie)
            return qs.filter(woongemeente_id=gemeente_id) if gemeente_id else self.none()
        return self.none()


def gemeente_van(organisatie) -> int | None:
    """The gemeente an organisation works for: itself when it is a gemeente, else its `gemeente`."""
    if organisatie.soort == "gemeente":
        return organisatie.pk
    return organisatie.gemeente_id


class ToestemmingQuerySet(TenantQuerySet):
    def geldig(self, op: "datetime.date | None" = None) -> "ToestemmingQuerySet":
        """Consent that counts on day `op` (default today): given, not expired, not withdrawn.

        The one definition of "valid consent"; the case access rule below uses it in a subquery."""
        op = op or timezone.localdate()
        return self.filter(gegeven_op__lte=op, ingetrokken_op__isnull=True).filter(
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=op)
        )

    def visible_to(self, user) -> "ToestemmingQuerySet":
        """Consent rows of the pupils whose cases the user may see."""
        from .models import Casus

        return super().visible_to(user).filter(leerling__in=Casus.objects.visible_to(user).values("leerling"))


class OtLidQuerySet(TenantQuerySet):
    def actief(self) -> "OtLidQuerySet":
        return self.filter(beeindigd_op__isnull=True)

    def visible_to(self, user) -> "OtLidQuerySet":
        """Members of the teams of the cases the user may see (the case rule decides)."""
        from .models import Casus

        return super().visible_to(user).filter(casus__in=Casus.objects.visible_to(user).values("pk"))


class CasusQuerySet(TenantQuerySet):
    def visible_to(self, user) -> "CasusQuerySet":
        """Cases the user may see through the membership they act for (deny by default).

        - always only the acting membership's SWV (tenant);
        - SWV roles: every case of their SWV except the schools' concepts (a draft is the school's own);
        - school roles: the cases of their own school (their organisation), concepts included, and, read
          only, a case their school handed over within the SWV until the overdracht's `leestoegang_tot`
          (a temporary GGZ placement: until the pupil has returned);
        - ketenpartner and leerplichtambtenaar: only cases where they are an active member of the
          ondersteuningsteam for their acting organisation, in the OT role of their role (`partner`,
          `leerplicht`). A ketenpartner also needs a valid consent (`Toestemming.objects.geldig()`, purpose
          `deelname_ot`) of the pupil for that organisation, always; leerplicht takes part on a legal basis
          (Leerplichtwet) and needs none. Withdrawing the consent, its expiry or ending the membership
          removes access on the next request;
        - a partner system (API client): what a member of its organisation would see (`_voor_api_client`);
        - bestuurder (aggregates only), beheerder, no membership: none.
        """
        from .models import OtLid, Toestemming
        from .workflow import ZICHTBAAR_VOOR_SWV

        if getattr(user, "is_api_client", False):
            return self._voor_api_client(user)
        lidmaatschap = lidmaatschap_van(user)
        if lidmaatschap is None:
            return self.none()
        qs = super().visible_to(user)
        rol = lidmaatschap.rol
        if rol in SWV_ROLLEN:
            return qs.filter(status__in=sorted(ZICHTBAAR_VOOR_SWV))
        if rol in SCHOOL_ROLLEN:
            # Issue 11, overdracht: after a handover within the SWV the sending school keeps *read* access
            # until `leestoegang_tot` (OVERDRACHT_LEESTOEGANG_DAGEN); writes are refused to it by the case
            # look-ups (cases.services_overdracht.alleen_leestoegang).
            from .models import Overdracht

            # A temporary GGZ placement keeps the school of origin reading until the pupil has returned.
            leestoegang = Overdracht.objects.filter(
                Q(leestoegang_tot__gte=timezone.localdate())
                | Q(soort=Overdracht.Soort.GGZ_TIJDELIJK, teruggekeerd_op__isnull=True),
                casus=OuterRef("pk"),
                status=Overdracht.Status.GEACCEPTEERD,
                van_school_id=lidmaatschap.organisatie_id,
            )
            return qs.filter(Q(school_id=lidmaatschap.organisatie_id) | Exists(leestoegang))
        if rol not in (Rol.KETENPARTNER, Rol.LEERPLICHTAMBTENAAR):
            return self.none()
        # The membership must be in the OT role of the acting role: an account with both a leerplicht and
        # a ketenpartner membership at one organisation gets the leerplicht basis only as leerplicht.
        lid = OtLid.objects.actief().filter(
            casus=OuterRef("pk"),
            gebruiker_id=lidmaatschap.user_id,
            organisatie_id=lidmaatschap.organisatie_id,
        )
        if rol == Rol.LEERPLICHTAMBTENAAR:
            return qs.filter(Exists(lid.filter(rol=OtLid.Rol.LEERPLICHT)))
        # A partner always needs consent (issue 10); a membership's `grondslag` does not open a case to a
        # partner, so no form or import can bypass the ouders.
        toestemming = Toestemming.objects.geldig().filter(
            swv_id=lidmaatschap.swv_id,
            leerling=OuterRef("leerling"),
            organisatie_id=lidmaatschap.organisatie_id,
            doel=Toestemming.Doel.DEELNAME_OT,
        )
        return qs.filter(Exists(lid.filter(rol=OtLid.Rol.PARTNER)), Exists(toestemming))

    def _voor_api_client(self, user) -> "CasusQuerySet":
        """A partner system acts for its organisation and sees what a member of it would see (decision 38):

        - a school's system: its school's cases, concepts included; a schoolbestuur's: those of its schools
          (`scholen_van_client`, the rule aanmeldingen use too);
        - the SWV bureau's system: every case of the SWV except the schools' concepts;
        - any other organisation (wijkteam, GGD, leerplicht, …): the cases whose ondersteuningsteam has an
          active member of that organisation in the partner role *with* a valid consent (purpose
          `deelname_ot`) of the pupil for that organisation (decision 31), or in the leerplicht role (legal
          basis, no consent). Ending the membership or withdrawing the consent closes the case to the
          system on the next request, as for its people.

        Only with a case scope (`casussen:lezen`, `casussen:indienen` or `casussen:acties`); each endpoint
        checks its own scope on top (`HasScope`)."""
        from swv.core.api.scopes import Scope

        from .models import OtLid, Toestemming
        from .workflow import ZICHTBAAR_VOOR_SWV

        client = user.api_client
        if not {Scope.CASUSSEN_LEZEN, Scope.CASUSSEN_INDIENEN, Scope.CASUSSEN_ACTIES} & set(client.scopes):
            return self.none()
        qs = super().visible_to(user)
        organisatie = client.organisatie
        if organisatie.soort == "swv":
            return qs.filter(status__in=sorted(ZICHTBAAR_VOOR_SWV))
        if organisatie.soort in ("school", "schoolbestuur"):
            from partners.models import Organisatie

            return qs.filter(
                school_id__in=Organisatie.objects.filter(scholen_van_client(client)).values("pk")
            )
        lid = OtLid.objects.actief().filter(casus=OuterRef("pk"), organisatie_id=organisatie.pk)
        toestemming = Toestemming.objects.geldig().filter(
            swv_id=client.swv_id,
            leerling=OuterRef("leerling"),
            organisatie_id=organisatie.pk,
            doel=Toestemming.Doel.DEELNAME_OT,
        )
        return qs.filter(
            Exists(lid.filter(rol=OtLid.Rol.LEERPLICHT))
            | (Exists(lid.filter(rol=OtLid.Rol.PARTNER)) & Exists(toestemming))
        )


def scholen_van_client(api_client) -> Q:
    """The schools a partner system works for: its organisation when that is a school, else the schools of its
    schoolbestuur. The one rule for reading and submitting (scope "for schools of the client's organisation")."""
    return Q(pk=api_client.organisatie_id, soort="school") | Q(
        schoolbestuur_id=api_client.organisatie_id, soort="school"
    )


# --- issue 11, part arrangementen en documenten ---
class ArrangementQuerySet(TenantQuerySet):
    def visible_to(self, user) -> "ArrangementQuerySet":
        """Arrangementen of the cases the user may see (the case rule decides)."""
        from .models import Casus

        return super().visible_to(user).filter(casus__in=Casus.objects.visible_to(user).values("pk"))


class CasusDocumentQuerySet(TenantQuerySet):
    def actueel(self) -> "CasusDocumentQuerySet":
        return self.filter(vervangen_door__isnull=True, verwijderd_op__isnull=True)

    def visible_to(self, user) -> "CasusDocumentQuerySet":
        """Documents of the cases the user may see (the case rule decides: a partner needs consent).

        An advice (`soort=advies`: a deskundigenadvies, often health data) only for the SWV and the pupil's
        school: domain.md "Privacy" lets the SWV pass health data only to the school board of the pupil's
        school, stored so that only the SWV and its deskundigen reach them. A partner in the team, leerplicht
        and other organisations' systems see the case's other documents, never its advices."""
        from .models import Casus

        qs = super().visible_to(user).filter(casus__in=Casus.objects.visible_to(user).values("pk"))
        if getattr(user, "is_api_client", False):
            mag_advies = user.api_client.organisatie.soort in ("swv", "school", "schoolbestuur")
        else:
            lidmaatschap = lidmaatschap_van(user)
            mag_advies = lidmaatschap is not None and (
                lidmaatschap.rol in SWV_ROLLEN or lidmaatschap.rol in SCHOOL_ROLLEN
            )
        return qs if mag_advies else qs.exclude(soort="advies")


# --- issue 11, part betrokkenheid ---


class BetrokkenheidQuerySet(TenantQuerySet):
    def actief(self) -> "BetrokkenheidQuerySet":
        return self.filter(beeindigd_op__isnull=True)

    def visible_to(self, user) -> "BetrokkenheidQuerySet":
        """Betrokkenheden a person may see and manage: those of the organisation they act for, in its SWV
        (a colleague can renew or end them). Never another organisation's: what others record reaches
        them only as a signal with contact details. The privacy officer's overview of the whole SWV is
        `voor_privacy_officer`. Partner systems and people without a membership: none."""
        if getattr(user, "is_api_client", False):
            return self.none()
        lidmaatschap = lidmaatschap_van(user)
        if lidmaatschap is None or not user.has_perm("cases.betrokkenheid"):
            return self.none()
        return super().visible_to(user).filter(organisatie_id=lidmaatschap.organisatie_id)

    def voor_privacy_officer(self, user) -> "BetrokkenheidQuerySet":
        """Every betrokkenheid of the SWV the privacy officer (`audit.bekijken`) acts for; else none."""
        if getattr(user, "is_api_client", False) or not user.has_perm("audit.bekijken"):
            return self.none()
        return super().visible_to(user)
