"""Forms of the thuiszitter pages (issue 12, part thuiszitter). The pupil is chosen from the pupils the user
sees (never a BSN in a URL); the choices of school, gemeente and case are narrowed to the acting SWV."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Casus, Leerling
from cases.workflow import GESLOTEN, Status
from partners.models import Organisatie
from swv.core.formfields import keuzeveld
from swv.core.optimistic import VersieFormMixin

from .models import Thuiszitter
from .models.thuiszitter import RedenCategorie, RedenEinde

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _RedenenMixin:
    def _redenen_veld(self) -> forms.MultipleChoiceField:
        return forms.MultipleChoiceField(
            label=_("Redenen"),
            choices=RedenCategorie.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )


class ThuiszitterRegistrerenForm(_RedenenMixin, forms.ModelForm):
    leerling = forms.ModelChoiceField(label=_("Leerling"), queryset=Leerling.objects.none())

    class Meta:
        model = Thuiszitter
        fields = [
            "leerling",
            "soort",
            "vrijstelling_artikel",
            "startdatum",
            "school",
            "gemeente",
            "redenen",
            "doorzettingsmacht",
            "doorzettingsmacht_persoon",
            "perspectief",
            "casus",
        ]
        widgets = {"startdatum": _DATUM, "perspectief": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "vrijstelling_artikel": _("Alleen bij een vrijstelling: het artikel van de Leerplichtwet."),
            "school": _("Leeg: de school van de leerling. Bij absoluut verzuim leeg laten."),
            "gemeente": _("Leeg: de woongemeente van de leerling."),
            "casus": _("Leeg: de lopende casus van de leerling, als die er is."),
        }

    def __init__(self, *args, user, swv, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["redenen"] = self._redenen_veld()
        keuzeveld(self, "leerling").queryset = (
            Leerling.objects.visible_to(user)
            .select_related("school")
            .order_by("achternaam", "voornaam", "pk")
        )
        keuzeveld(self, "leerling").label_from_instance = lambda obj: (  # type: ignore[method-assign]
            f"{obj.achternaam}, {obj.voornaam} ({obj.geboortedatum:%d-%m-%Y})"
        )
        keuzeveld(self, "school").queryset = Organisatie.objects.filter(swv=swv, soort="school").order_by(
            "naam"
        )
        keuzeveld(self, "school").required = False
        keuzeveld(self, "gemeente").queryset = Organisatie.objects.filter(swv=swv, soort="gemeente").order_by(
            "naam"
        )
        keuzeveld(self, "gemeente").required = False
        casussen = Casus.objects.visible_to(user).exclude(status__in=sorted(GESLOTEN | {Status.CONCEPT}))
        keuzeveld(self, "casus").queryset = casussen.select_related("leerling").order_by("-pk")
        keuzeveld(self, "casus").required = False

    def _post_clean(self) -> None:
        # The service validates the whole registration (defaults, the one-open rule); not the half-filled instance.
        pass


class ThuiszitterBijwerkenForm(_RedenenMixin, VersieFormMixin, forms.ModelForm):
    class Meta:
        model = Thuiszitter
        fields = [
            "perspectief",
            "doorzettingsmacht",
            "doorzettingsmacht_persoon",
            "redenen",
            "aanbod",
            "aanbod_vanaf",
        ]
        widgets = {
            "perspectief": forms.Textarea(attrs={"rows": 3}),
            "aanbod": forms.Textarea(attrs={"rows": 3}),
            "aanbod_vanaf": _DATUM,
        }
        help_texts = {
            "aanbod": _("Het gevonden passend aanbod van onderwijs en/of zorg; met de datum vanaf.")
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["redenen"] = self._redenen_veld()
        if self.instance.pk is not None and not self.is_bound:
            self.initial["redenen"] = list(self.instance.redenen)


class ThuiszitterBeeindigenForm(forms.Form):
    einddatum = forms.DateField(label=_("Einddatum"), widget=_DATUM)
    reden_einde = forms.ChoiceField(label=_("Reden einde"), choices=[("", "---------"), *RedenEinde.choices])
