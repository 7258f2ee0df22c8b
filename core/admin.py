"""Numbers in the admin the Danish way: shown as 820, 2,7 and 1.234,5 (not 820,0000) and typed as such."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.formats import DASH, number
from core.signals import figures_changed

from .forms import DanishDecimalField
from .numbers import decimal_places


def display_value(value, field: models.Field | None = None) -> str:
    """A stored value as a caseworker reads it: '850', '2,7', '5. november 2024', 'Ja', a choice's label."""
    if field is not None and field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    if value is None or value == "":
        return DASH
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, Decimal):
        return number(value, decimal_places(value))
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j. F Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j. F Y")
    return str(value)


def _shown_name(name: str) -> str:
    return f"{name}_shown"


def _column(field: models.DecimalField):
    @admin.display(description=capfirst(field.verbose_name), ordering=field.name)
    def column(obj):
        return display_value(getattr(obj, field.name))

    return column


class DanishNumbers:
    """For a ModelAdmin or an inline: its decimal fields are typed the Danish way (`1.234,5`, `3,9`), and
    shown so in lists and wherever they cannot be changed, without the stored trailing zeros."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._decimals = {
            field.name: field for field in self.model._meta.fields if isinstance(field, models.DecimalField)
        }
        for field in self._decimals.values():
            setattr(self, _shown_name(field.name), _column(field))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DecimalField):
            return db_field.formfield(form_class=DanishDecimalField, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def _shown(self, names, only=None) -> list:
        return [
            _shown_name(name) if name in self._decimals and (only is None or name in only) else name
            for name in names
        ]

    def _read_only_decimals(self, request, obj) -> set[str]:
        """Decimal fields shown as text: those read-only anyway, or all when the user may not change."""
        if not self.has_change_permission(request, obj) and (obj is not None or self._is_inline()):
            return set(self._decimals)
        return set(super().get_readonly_fields(request, obj)) & set(self._decimals)

    def _is_inline(self) -> bool:
        return isinstance(self, admin.options.InlineModelAdmin)

    def get_list_display(self, request):
        return self._shown(super().get_list_display(request))

    def get_readonly_fields(self, request, obj=None):
        shown = self._read_only_decimals(request, obj)
        fields = self._shown(super().get_readonly_fields(request, obj), shown)
        return [*fields, *(_shown_name(name) for name in shown if _shown_name(name) not in fields)]

    def get_fieldsets(self, request, obj=None):
        shown, seen = self._read_only_decimals(request, obj), set()
        fieldsets = []
        for title, options in super().get_fieldsets(request, obj):
            rows = []
            for row in options["fields"]:
                names = [name for name in self._shown(_names(row), shown) if name not in seen]
                seen.update(names)
                if names:
                    rows.append(tuple(names) if isinstance(row, list | tuple) else names[0])
            fieldsets.append((title, {**options, "fields": rows}))
        return fieldsets


def _names(row) -> list:
    return list(row) if isinstance(row, list | tuple) else [row]


class ReadOnly:
    """Shown in the admin, written elsewhere (a service or a migration): no add, change or delete here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ChangesPages:
    """An admin whose saves and deletes change what the pages show: each announces the change
    (core.signals.figures_changed), inside the admin's transaction, as the services do. A save announces it
    with the object, before its inlines: the readers see all of it at once, when the admin's transaction
    commits."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        figures_changed.send(sender=self.model)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        figures_changed.send(sender=self.model)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        figures_changed.send(sender=self.model)
