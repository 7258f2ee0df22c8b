"""The measure's admin form: a change of unit, decimals or type rewrites the status of past quarters of every
indicator that uses the measure, so it needs a reason, kept in the measure's history."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Measure

DEFINITION_FIELDS = ("unit", "decimals", "measure_type")


class MeasureForm(forms.ModelForm):
    change_reason = forms.CharField(
        label=_("Begrundelse for ændringen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Skal udfyldes, når enhed, decimaler eller måletype ændres: det ændrer status for tidligere "
            "kvartaler for alle indikatorer, der bruger målingen. Gemmes i historikken."
        ),
    )

    class Meta:
        model = Measure
        fields = "__all__"  # noqa: DJ007 (the admin edits every field of a measure)

    def clean(self):
        cleaned = super().clean()
        changed = [name for name in DEFINITION_FIELDS if name in self.changed_data]
        if self.instance.pk and changed and not cleaned.get("change_reason", "").strip():
            labels = ", ".join(str(self.fields[name].label).lower() for name in changed)
            self.add_error(
                "change_reason",
                _("Skriv en begrundelse: ændringen af %(fields)s ændrer status for tidligere kvartaler.")
                % {"fields": labels},
            )
        return cleaned

    def save(self, commit=True):
        # simple_history keeps the reason with the change.
        self.instance._change_reason = self.cleaned_data.get("change_reason", "").strip() or None
        return super().save(commit)
