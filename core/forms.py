"""Form fields shared by every app's forms."""

from decimal import Decimal

from django import forms

from .formats import danish
from .numbers import NumberError, decimal_places, parse_danish_number


class DanishDecimalField(forms.CharField):
    """A number typed as `1.234,5`, `6,5 %` or `6,5`."""

    def __init__(self, *args, decimals: int = 4, max_digits=None, decimal_places=None, **kwargs):
        # A model's DecimalField hands over its decimal places; the model still checks its digits.
        self.decimals = decimals if decimal_places is None else decimal_places
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"maxlength": "40", "inputmode": "decimal"})

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return danish(value, min(self.decimals, decimal_places(value)))
        return value

    def to_python(self, value) -> Decimal | None:
        try:
            return parse_danish_number(super().to_python(value))
        except NumberError as error:
            raise forms.ValidationError(str(error), code="invalid") from error

    def has_changed(self, initial, data) -> bool:
        try:
            return self.to_python(data) != (
                initial if isinstance(initial, Decimal) else self.to_python(initial)
            )
        except forms.ValidationError:
            return True
