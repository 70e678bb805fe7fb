"""Forms of the verzuim pages (issue 12, part paginas). The rules live in the services; these forms only
shape the input and keep it on an error."""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cases.models import Inschrijving, Leerling

from .absentie_csv import MAX_BESTAND
from .models import Verzuimmelding
from .models.absentie import MAX_UREN_PER_DAG, Reden
from .models.melding import MeldingStatus, RedenAfgesloten
from .models.notitie import NotitieSoort
from .services_melding import SCHOOLVELDEN

User = get_user_model()
DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LeerlingKeuze(forms.ModelChoiceField):
    # Name and date of birth only: the BSN is never shown in a pick list (nor in a URL).
    def label_from_instance(self, obj) -> str:
        return f"{obj.achternaam}, {obj.voornaam} ({obj.geboortedatum:%d-%m-%Y})"


def eigen_leerlingen(school):
    """The pupils currently enrolled at `school`: the only ones a school picks for a melding or absence."""
    return (
        Leerling.objects.filter(
            pk__in=Inschrijving.objects.filter(school=school, uitgeschreven_op__isnull=True).values(
                "leerling_id"
            ),
            swv_id=school.swv_id,
            geanonimiseerd_op__isnull=True,
        )
        .only("pk", "voornaam", "achternaam", "geboortedatum")
        .order_by("achternaam", "voornaam", "pk")
    )


class MeldingForm(forms.ModelForm):
    """Every field of the school's part of the Besluit verzuimmelding, plus the pupil."""

    leerling = LeerlingKeuze(label=_("Leerling"), queryset=Leerling.objects.none())

    class Meta:
        model = Verzuimmelding
        fields = [
            "begindatum",
            "einddatum",
            "vermoedelijke_soort",
            "vermoedelijke_reden",
            "alle_lessen_gemist",
            "actie_school",
            "actie_gemeente_gewenst",
            "toelichting_actie_gewenst",
            "leslocatie",
            "verzuimdagen",
            "verzuimuren",
            "melder_naam",
            "melder_functie",
            "melder_telefoon",
            "melder_email",
            "telefoon_ouder_leerling",
            "verblijfadres",
            "duo_meldingnummer",
        ]
        widgets = {"begindatum": DATUM, "einddatum": DATUM}
        # A Dutch user types 18,5 hours.
        localized_fields = ["verzuimuren"]

    def __init__(self, *args, school, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        assert set(self.Meta.fields) == SCHOOLVELDEN, "the form shows exactly the school's part"
        leerling = self.fields["leerling"]
        assert isinstance(leerling, forms.ModelChoiceField)
        leerling.queryset = eigen_leerlingen(school)
        self.order_fields(["leerling", *self.Meta.fields])

    def _post_clean(self) -> None:
        # The service validates the model (with the pupil and school it sets); a ModelForm's own instance
        # check would fail on the missing pupil before that.
        pass

    def velden(self) -> dict:
        return {naam: self.cleaned_data[naam] for naam in self.Meta.fields}


class AbsentieForm(forms.Form):
    leerling = LeerlingKeuze(label=_("Leerling"), queryset=Leerling.objects.none())
    datum = forms.DateField(label=_("Datum"), widget=DATUM)
    uren = forms.DecimalField(
        label=_("Gemiste lesuren"),
        min_value=Decimal("0.01"),
        max_value=MAX_UREN_PER_DAG,
        decimal_places=2,
        max_digits=4,
    )
    geoorloofd = forms.TypedChoiceField(
        label=_("Geoorloofd"),
        choices=[("nee", _("Nee, ongeoorloofd")), ("ja", _("Ja, geoorloofd"))],
        coerce=lambda waarde: waarde == "ja",
        widget=forms.RadioSelect,
    )
    reden = forms.ChoiceField(label=_("Reden"), choices=Reden.choices, initial=Reden.ONBEKEND)
    toelichting = forms.CharField(label=_("Toelichting"), max_length=200, required=False)

    def __init__(self, *args, school, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        leerling = self.fields["leerling"]
        assert isinstance(leerling, forms.ModelChoiceField)
        leerling.queryset = eigen_leerlingen(school)


class UploadForm(forms.Form):
    bestand = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_(
            "Kolommen: bsn of onderwijsnummer; datum; uren; geoorloofd; reden; id. Ten hoogste %(mb)s MB."
        )
        % {"mb": MAX_BESTAND / 1_000_000},
    )


class MeldingFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("open", _("Open (geregistreerd of in behandeling)")),
            *MeldingStatus.choices,
        ],
    )


BEHANDEL_STATUSSEN = [
    ("", _("— status niet wijzigen —")),
    (MeldingStatus.IN_BEHANDELING, MeldingStatus.IN_BEHANDELING.label),
    (MeldingStatus.AFGESLOTEN, MeldingStatus.AFGESLOTEN.label),
    (MeldingStatus.TER_KENNISNEMING, MeldingStatus.TER_KENNISNEMING.label),
]


class ContactpersoonKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class BehandelForm(forms.Form):
    """The gemeente's part: a status step (or none), the reden afgesloten, toelichting and contactpersoon."""

    van = forms.CharField(widget=forms.HiddenInput, required=False)
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=BEHANDEL_STATUSSEN, required=False)
    reden_afgesloten = forms.ChoiceField(
        label=_("Reden afgesloten"),
        choices=[("", _("— alleen bij afgesloten —")), *RedenAfgesloten.choices],
        required=False,
    )
    toelichting = forms.CharField(label=_("Toelichting gemeente"), widget=forms.Textarea, required=False)
    contactpersoon = ContactpersoonKeuze(
        label=_("Gemeentelijke contactpersoon"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, contactpersonen, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["contactpersoon"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = contactpersonen

    def clean(self):
        data = super().clean() or {}
        if data.get("status") == MeldingStatus.AFGESLOTEN and not data.get("reden_afgesloten"):
            self.add_error("reden_afgesloten", _("Kies een reden van afsluiten."))
        if data.get("reden_afgesloten") and data.get("status") != MeldingStatus.AFGESLOTEN:
            self.add_error("reden_afgesloten", _("Een reden van afsluiten hoort alleen bij „Afgesloten”."))
        return data


class NotitieForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), choices=NotitieSoort.choices, initial=NotitieSoort.NOTITIE)
    datum = forms.DateField(label=_("Datum"), widget=DATUM)
    tekst = forms.CharField(
        label=_("Wat is er gedaan of afgesproken"), widget=forms.Textarea, max_length=4000
    )
