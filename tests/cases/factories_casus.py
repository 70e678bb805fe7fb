"""Cases for tests (part casussen): a complete aanmelding, in any status, with its transitions."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from cases.models import Casus, Statusovergang
from cases.workflow import GESLOTEN, Status
from tests.factories import LeerlingFactory, OrganisatieFactory, SamenwerkingsverbandFactory

# A complete aanmelding: what `cases.services_casus.ontbrekend` asks for.
VOLLEDIG = {
    "vraagstelling": "Hoe kunnen we Sem helpen met zijn concentratie in de klas?",
    "ondersteuningsbehoefte": "Een rustige werkplek en korte instructies.",
    "bevorderende_factoren": "Betrokken ouders, goede band met de leerkracht.",
    "belemmerende_factoren": "Veel prikkels in de groep.",
    "al_gedaan": "Een koptelefoon en een weektaak op maat.",
    "resultaat_al_gedaan": "Iets rustiger, maar nog steeds veel uitval.",
    "visie_ouders": "Ouders willen graag dat Sem op deze school blijft.",
    "ouders_geinformeerd": True,
}


class CasusFactory(DjangoModelFactory):
    """A complete case of a school of `swv`, for a pupil of that school, with status `status` (default
    aangemeld). Written directly (the services are tested on their own), with one transition row.

    The one case factory of the cases tests (tests.cases.factories_team re-exports it). A case's school is
    its pupil's school: `school=` puts the new pupil at that school; `leerling=` or `leerling__school=`
    (the team part's spelling) make the pupil's school the case's.
    """

    class Meta:
        model = Casus
        skip_postgeneration_save = True

    swv = factory.SubFactory(SamenwerkingsverbandFactory)
    school = factory.SubFactory(OrganisatieFactory, swv=factory.SelfAttribute("..swv"), school=True)
    leerling = factory.SubFactory(
        LeerlingFactory, swv=factory.SelfAttribute("..swv"), school=factory.SelfAttribute("..school")
    )
    status = Status.AANGEMELD
    aangemeld_op = factory.LazyFunction(timezone.now)
    vraagstelling = VOLLEDIG["vraagstelling"]
    ondersteuningsbehoefte = VOLLEDIG["ondersteuningsbehoefte"]
    bevorderende_factoren = VOLLEDIG["bevorderende_factoren"]
    belemmerende_factoren = VOLLEDIG["belemmerende_factoren"]
    al_gedaan = VOLLEDIG["al_gedaan"]
    resultaat_al_gedaan = VOLLEDIG["resultaat_al_gedaan"]
    visie_ouders = VOLLEDIG["visie_ouders"]
    ouders_geinformeerd = True

    @classmethod
    def _generate(cls, strategy, params):
        # Before the declarations are resolved: only here can "no school given, but a pupil (or the pupil's
        # school)" be told apart from "school given" (a lazy school from the pupil would be a cycle).
        if "school" not in params:
            if "leerling" in params:
                params = {**params, "school": params["leerling"].school}
            elif "leerling__school" in params:
                params = {**params, "school": params["leerling__school"]}
        return super()._generate(strategy, params)

    @factory.post_generation
    def _overgang(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook
        if create:
            Statusovergang.objects.create(swv=obj.swv, casus=obj, van="", naar=obj.status)
            if obj.status == Status.CONCEPT:
                Casus.objects.filter(pk=obj.pk).update(aangemeld_op=None)
                obj.aangemeld_op = None
            if obj.status in GESLOTEN:
                Casus.objects.filter(pk=obj.pk).update(afgesloten_op=timezone.now())
