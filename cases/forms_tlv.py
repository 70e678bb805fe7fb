"""Forms of the TLV part (issue 11): the request, an advice, the decision, the check by BSN."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from partners.models import Persoon
from swv.core.models import Rol
from swv.core.optimistic import VersieFormMixin

from .models import Tlv, TlvAdvies, TlvBezwaar
from .models.tlv import Bekostigingscategorie
from .validators import normaliseer_nummer

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TlvAanvraagForm(VersieFormMixin, forms.ModelForm):
    """The request; editing an open request carries the optimistic `versie` (swv.core.optimistic)."""

    class Meta:
        model = Tlv
        fields = ["soort", "cluster", "bekostigingscategorie", "onderbouwing"]
        widgets = {"onderbouwing": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "cluster": _("Alleen bij SO en VSO."),
            "bekostigingscategorie": _("Alleen bij SO en VSO: de gevraagde categorie."),
        }

    def __init__(self, *args, swv, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from .models.tlv import SOORTEN_PER_SECTOR

        soorten = SOORTEN_PER_SECTOR.get(swv.sector, frozenset())
        self.fields["soort"].choices = [c for c in Tlv.Soort.choices if c[0] in soorten]  # type: ignore[attr-defined]


class TlvAdviesForm(forms.ModelForm):
    class Meta:
        model = TlvAdvies
        fields = ["discipline", "datum", "uitkomst", "advies", "deskundige_gebruiker", "deskundige_persoon"]
        widgets = {"datum": _DATUM, "advies": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "deskundige_gebruiker": _("Een deskundige van het SWV. Laat leeg als u zelf de deskundige bent."),
            "deskundige_persoon": _(
                "Of: een deskundige uit het register (bijvoorbeeld een externe psycholoog)."
            ),
        }

    def __init__(self, *args, swv, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.fields["deskundige_gebruiker"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            lidmaatschappen__swv=swv, lidmaatschappen__rol=Rol.SWV_DESKUNDIGE, lidmaatschappen__actief=True
        ).distinct()
        self.fields["deskundige_gebruiker"].label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]
        self.fields["deskundige_persoon"].queryset = Persoon.objects.filter(swv=swv)  # type: ignore[attr-defined]
        # The model allows neither being empty at form level; the service names which one is missing.
        self.fields["deskundige_gebruiker"].required = False
        self.fields["deskundige_persoon"].required = False

    def _post_clean(self) -> None:
        # The service validates (it fills in the deskundige who records their own advice).
        pass


class TlvBesluitForm(forms.Form):
    toekennen = forms.TypedChoiceField(
        label=_("Besluit"),
        choices=[("ja", _("Toekennen")), ("nee", _("Afwijzen"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    besluitdatum = forms.DateField(
        label=_("Besluitdatum"),
        widget=_DATUM,
        required=False,
        help_text=_("Leeg: vandaag. Een besluit dat eerder op papier is genomen, krijgt die datum."),
    )
    ingangsdatum = forms.DateField(
        label=_("Ingangsdatum"), widget=_DATUM, required=False, help_text=_("Leeg: de besluitdatum.")
    )
    schooljaren = forms.IntegerField(
        label=_("Aantal volledige schooljaren"),
        min_value=1,
        max_value=12,
        initial=1,
        help_text=_(
            "Een TLV eindigt altijd op 31 juli. Midden in een schooljaar komt de rest van dat jaar erbij."
        ),
    )
    bekostigingscategorie = forms.ChoiceField(
        label=_("Bekostigingscategorie"),
        choices=[("", _("— niet van toepassing —")), *Bekostigingscategorie.choices],
        required=False,
    )
    motivering = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 5}))


class TlvControleForm(forms.Form):
    """POST only: the number travels in the body, never in a URL, a browser history or an access log."""

    nummer = forms.CharField(
        label=_("BSN of onderwijsnummer van de leerling"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_nummer(self) -> str:
        return normaliseer_nummer(self.cleaned_data["nummer"])


class BezwaarForm(forms.ModelForm):
    class Meta:
        model = TlvBezwaar
        fields = ["ontvangen_op", "ingediend_door", "gronden", "adviescommissie"]
        widgets = {"ontvangen_op": _DATUM, "gronden": forms.Textarea(attrs={"rows": 4})}


class BezwaarAfhandelenForm(VersieFormMixin, forms.ModelForm):
    """Hearing, postponement and outcome; carries the optimistic `versie` (two people handling one bezwaar)."""

    class Meta:
        model = TlvBezwaar
        fields = ["hoorzitting_op", "verdaagd", "uitkomst", "beslist_op", "toelichting"]
        widgets = {
            "hoorzitting_op": _DATUM,
            "beslist_op": _DATUM,
            "toelichting": forms.Textarea(attrs={"rows": 4}),
        }

    def _post_clean(self) -> None:
        # The service validates on the locked row (the model's constraint too).
        pass
