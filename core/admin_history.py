"""History pages in the admin: who changed what, when and why, in Danish and with Danish numbers."""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .admin import display_value
from .params import parse_id


class DanishChanges(HistoricalRecordContextHelper):
    """Old → new as the pages show values, not as Python writes them ('810.0000', 'None')."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if isinstance(field, models.ManyToManyField):
            return super().prepare_delta_change_value(change, value)
        return display_value(value, field)


class DanishHistory(SimpleHistoryAdmin):
    """The history page in Danish: when, what, who, why, and old → new in Danish formats."""

    object_history_template = "simple_history/danish_history.html"
    object_history_list_template = "simple_history/danish_history_list.html"

    def history_view(self, request, object_id, extra_context=None):
        # The history of a deleted object is still shown, so the id is checked, not the object.
        if parse_id(unquote(object_id)) is None:
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_view_title(self, request, obj):
        return _("Historik: %(object)s") % {"object": obj}

    def get_historical_record_context_helper(self, request, historical_record):
        return DanishChanges(self.model, historical_record)


class HistoryAdmin(DanishHistory):
    """History is shown (who, when, old → new, reason) but never reverted past the services."""

    def revert_disabled(self, request, obj=None):
        return True

    def get_fields(self, request, obj=None):
        # The reason asked for with a change is not stored on the object but in its history: someone who
        # may only view sees it there, not as an empty "Reason: None" field.
        fields = super().get_fields(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fields
        stored = {field.name for field in self.model._meta.get_fields()}
        return [name for name in fields if name in stored or hasattr(self, name)]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
