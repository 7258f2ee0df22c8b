"""Admin forms for measures and official values: every change asks for a reason, kept in the history."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DanishDecimalField
from measures.models import Measure, OfficialValue
from measures.periods import Period

from . import official_statistics


def reason_field(help_text) -> forms.CharField:
    return forms.CharField(
        label=_("Begrundelse"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=help_text,
    )


class MeasureForm(forms.ModelForm):
    reason = reason_field(_("Hvorfor målingen oprettes eller ændres. Gemmes i historikken."))

    # Set by the admin for each request: the rules depend on who saves.
    user = None

    class Meta:
        model = Measure
        fields = "__all__"  # noqa: DJ007 (the admin edits every field of a measure, also ones added later)
        widgets = {"filters": forms.Textarea(attrs={"rows": 2})}

    def _post_clean(self):
        super()._post_clean()
        for problem in official_statistics.measure_problems(self.user, self.instance):
            self.add_error(None, problem)


class OfficialValueForm(forms.ModelForm):
    period = forms.CharField(
        label=_("Periode"),
        max_length=20,
        help_text=_(
            "Som Jobindsats skriver den: 2024M06 (juni 2024), 2024Q2 (2. kvt. 2024), 2024 (året) eller "
            "2024QMAT02 (løbende år til og med 2. kvt. 2024)."
        ),
    )
    value = DanishDecimalField(label=_("Værdi"))
    reason = reason_field(
        _("Hvorfor tallet rettes, fx 'revideret af Jobindsats' eller en fejl i kilden. Gemmes i historikken.")
    )

    # Set by the admin for each request: the rules depend on who saves.
    user = None

    class Meta:
        model = OfficialValue
        fields = ["measure", "area", "period", "value", "release", "source", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("period", str(self.instance.period))

    def clean_period(self) -> Period:
        try:
            period = Period.parse(self.cleaned_data["period"])
        except ValueError as problem:
            raise forms.ValidationError(str(problem), code="invalid") from problem
        self.instance.year, self.instance.kind, self.instance.number = period.year, period.kind, period.number
        return period

    def _post_clean(self):
        super()._post_clean()
        value = self.instance
        if "period" in self.cleaned_data and value.measure_id and value.area_id and not self.errors:
            for problem in official_statistics.official_value_problems(self.user, value):
                self.add_error(None, problem)
