"""Forms for entering figures and targets in the admin, reading numbers the Danish way."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DanishDecimalField
from core.periods import Quarter
from focusareas.models import Strategy

from .definition import JUDGEMENT_FIELDS, reason_problem
from .models import Indicator, Measurement, MeasureType, Target, Unit
from .moves import indicator_move_problem
from .services import FigureInput, check_figures
from .targets import target_problems
from .validation import parent_problems

# The indicator field of a target or figure has no Danish name in the model; the forms give it one.
INDICATOR_LABEL = {"indicator": _("Indikator")}


class MeasurementForm(forms.ModelForm):
    value = DanishDecimalField(
        label=_("Værdi"), help_text=_("Skriv tallet, som det står i opgørelsen, fx 1.234,5 eller 3,9.")
    )
    # The version the user saw (0 for a new figure); a save based on an older one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # Set by the admin for each request: the rules depend on who saves.
    user = None

    class Meta:
        model = Measurement
        fields = ["indicator", "year", "quarter", "value", "basis", "commentary", "version"]
        labels = INDICATOR_LABEL
        help_texts = {
            "commentary": _(
                "Forklar tallet for udvalget, fx en usædvanlig udvikling eller en foreløbig opgørelse."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "basis" in self.fields:
            # Left out (a form that does not show it), the figure keeps what it is (indicators.basis).
            self.fields["basis"].required = False

    def figure(self) -> FigureInput | None:
        # On a change form the period and indicator are read-only: take them from the stored figure.
        stored = (
            {
                "indicator": self.instance.indicator,
                "year": self.instance.year,
                "quarter": self.instance.quarter,
            }
            if self.instance.pk
            else {}
        )
        data = stored | self.cleaned_data
        if any(data.get(name) is None for name in ("indicator", "year", "quarter", "value")):
            return None
        try:
            quarter = Quarter.in_range(data["year"], data["quarter"])
        except ValueError:
            return None
        version = data.get("version")
        if version is None:
            version = self.instance.version if self.instance.pk else 0
        return FigureInput(
            data["indicator"], quarter, data["value"], data.get("commentary") or "", version,
            basis=data.get("basis") or None,
        )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        figure = self.figure()
        if figure is not None:
            for problem in check_figures(user=self.user, figures=[figure]):
                self.add_error(None, problem.message)
        return cleaned

    def validate_unique(self):
        # A figure for the same indicator and quarter is the same figure: the service updates it.
        pass


class TargetForm(forms.ModelForm):
    value_min = DanishDecimalField(
        label=_("Mål (fra)"), help_text=_("Målet, eller et intervals laveste værdi.")
    )
    value_max = DanishDecimalField(
        label=_("Mål (til)"), required=False, help_text=_("Tomt for et enkelt tal.")
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Hvorfor målet oprettes eller ændres. Gemmes i historikken."),
    )

    class Meta:
        model = Target
        fields = ["indicator", "year", "quarter", "value_min", "value_max", "comment", "source", "reason"]
        labels = INDICATOR_LABEL
        help_texts = {"source": _("Hvor målet stammer fra, fx udvalgets beslutning og mødets dato.")}

    # Set by the admin for each request: the rules depend on who saves.
    user = None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("value_min") is not None and cleaned.get("value_max") is None:
            cleaned["value_max"] = cleaned["value_min"]
        if cleaned.get("indicator") and cleaned.get("year") and cleaned.get("value_min") is not None:
            for problem in target_problems(
                user=self.user,
                indicator=cleaned["indicator"],
                year=cleaned["year"],
                quarter=cleaned.get("quarter"),
                value_min=cleaned["value_min"],
                value_max=cleaned["value_max"],
                target=self.instance if self.instance.pk else None,
            ):
                self.add_error(None, problem)
        return cleaned


class QuarterChoiceForm(forms.Form):
    """The strategy and quarter a page of the quarter's work is about (?strategy=2&quarter=2024K3)."""

    strategy = forms.ModelChoiceField(Strategy.objects.all(), label=_("strategi"), required=False)
    quarter = forms.CharField(label=_("kvartal"), help_text=_("Fx 2024K3."), max_length=10, required=False)

    def clean_quarter(self) -> Quarter | None:
        text = self.cleaned_data["quarter"]
        try:
            return Quarter.parse(text) if text else None
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Fil"), help_text=_("CSV (semikolon eller komma) eller Excel (.xlsx)."))
    strategy = forms.ModelChoiceField(
        Strategy.objects.of_portal(),
        label=_("Strategi"),
        required=False,
        help_text=_("Tomt: kommunens gældende strategi."),
    )
    dry_run = forms.BooleanField(label=_("Kun kontrol (gem intet)"), required=False)


class UnlockForm(forms.Form):
    reason = forms.CharField(label=_("Begrundelse for oplåsning"), widget=forms.Textarea(attrs={"rows": 2}))


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("Bemærkning til afdelingslederen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvad skal rettes?"),
    )


SHOWN_PROBLEMS = 4


class IndicatorForm(forms.ModelForm):
    """An indicator uses a measure: an existing one, or (left empty) a new own measure of the municipality
    with the unit, decimals and type given here."""

    new_unit = forms.ChoiceField(
        label=_("enhed for en ny måling"), choices=[("", "---------"), *Unit.choices], required=False
    )
    new_decimals = forms.IntegerField(
        label=_("decimaler for en ny måling"), min_value=0, max_value=4, initial=0, required=False
    )
    new_measure_type = forms.ChoiceField(
        label=_("måletype for en ny måling"),
        choices=MeasureType.choices,
        initial=MeasureType.LEVEL,
        required=False,
    )
    change_reason = forms.CharField(
        label=_("Begrundelse for ændringen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Skal udfyldes, når retning, måling eller tolerance ændres: det ændrer status for tidligere "
            "kvartaler. Gemmes i historikken."
        ),
    )

    class Meta:
        model = Indicator
        fields = "__all__"  # noqa: DJ007 (the admin edits every field of an indicator, also ones added later)
        help_texts = {
            "name": _("Som udvalget læser det, fx 'Fuldtidspersoner på sygedagpenge'."),
            "definition_source": _("Hvor definitionen stammer fra, fx strategiens bilag 1."),
            "is_key_figure": _("Fokusområdets nøgletal vises øverst og i udvalgets oversigt."),
            "parent": _("Udfyld, når tallet er en del af et andet tal, fx 'heraf unge under 30'."),
            "order": _("Rækkefølgen på siderne; laveste tal først."),
        }

    def clean(self):
        # The instance is still the stored indicator here: the form's values reach it after clean().
        cleaned = super().clean()
        judgement = {name: cleaned[name] for name in JUDGEMENT_FIELDS if name in cleaned}
        reason = cleaned.get("change_reason", "")
        if problem := reason_problem(indicator=self.instance, fields=judgement, reason=reason):
            self.add_error("change_reason", problem)
        if cleaned.get("focus_area") and (
            problem := indicator_move_problem(indicator=self.instance, focus_area=cleaned["focus_area"])
        ):
            self.add_error("focus_area", problem)
        if not cleaned.get("measure") and not cleaned.get("new_unit"):
            self.add_error("new_unit", _("Vælg en måling, eller angiv enheden for en ny måling."))
        if {"parent", "measure", "new_unit"} & set(self.changed_data):
            measure = cleaned.get("measure")
            unit = measure.unit if measure else cleaned.get("new_unit", "")
            # The grid's "heraf" rule, over the quarters already stored (the newest few named).
            problems = parent_problems(self.instance, parent=cleaned.get("parent"), unit=unit)
            for problem in problems[:SHOWN_PROBLEMS]:
                self.add_error("parent", problem)
            if len(problems) > SHOWN_PROBLEMS:
                self.add_error(
                    "parent",
                    _("… og %(count)s mere.") % {"count": len(problems) - SHOWN_PROBLEMS},
                )
        return cleaned

    def new_measure(self) -> dict[str, object]:
        """The unit, decimals and type of the own measure made when no measure is chosen."""
        return {
            "unit": self.cleaned_data.get("new_unit") or "",
            "decimals": self.cleaned_data.get("new_decimals") or 0,
            "measure_type": self.cleaned_data.get("new_measure_type") or MeasureType.LEVEL,
        }


def indicator_fields(form: forms.ModelForm) -> dict[str, object]:
    """The indicator's own fields as a form cleaned them (not a new measure's unit, a reason, a row's id)."""
    names = {field.name for field in Indicator._meta.concrete_fields if field.editable} - {"id"}
    return {name: value for name, value in form.cleaned_data.items() if name in names}
