"""Admin pages for the quarter's work: the entry grid, locking, import and the import template."""

from __future__ import annotations

import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core import permissions
from core.file_limits import FileTooLarge, check_size
from core.forms import DanishDecimalField
from core.periods import Quarter
from focusareas.models import Strategy

from .admin_approval import approval_url
from .admin_pages import chosen_quarter
from .basis import Basis
from .entry import QuarterEntry, quarter_entry
from .forms import ImportForm, UnlockForm
from .importing import FileRefused, figures_import
from .locking import incomplete_figures, quarter_lock, quarter_unlock
from .models import Measurement
from .permissions import editable_indicators
from .services import FigureInput, FiguresRefused, figures_save, measurement_submit
from .spreadsheets import safe_cell


def quarter_pages(user) -> list[dict]:
    """The quarter's pages the user may open, as rows of the admin's app list: enter, approve, overview."""
    pages = []
    if permissions.may_enter(user):
        pages.append((_("Kvartalsindberetning"), "indicators_quarter_entry", "quarterentry"))
    if permissions.may_approve(user):
        pages.append((_("Godkendelse af indsendte tal"), "indicators_approval", "approval"))
    if permissions.may_approve(user) or permissions.may_lock(user):
        pages.append((_("Overblik over indberetningen"), "indicators_completeness", "completeness"))
    return [
        {"name": name, "object_name": object_name, "admin_url": reverse(f"admin:{url}"), "view_only": True}
        for name, url, object_name in pages
    ]


def _require_entry(request) -> None:
    if not permissions.may_enter(request.user):
        raise PermissionDenied


def _refused() -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:indicators_quarter_entry"))


def _entry_url(strategy: Strategy, quarter: Quarter) -> str:
    query = urlencode({"strategy": strategy.pk, "quarter": quarter.code})
    return f"{reverse('admin:indicators_quarter_entry')}?{query}"


# What a manager may say a typed figure is; an official figure stays one only while its number does.
TYPED_BASES = (Basis.OWN, Basis.PRELIMINARY)


def _basis_choices(current: Measurement | None) -> list[tuple[str, str]]:
    bases = (
        TYPED_BASES if current is None or current.basis != Basis.OFFICIAL else (Basis.OFFICIAL, *TYPED_BASES)
    )
    return [(basis.value, basis.label) for basis in bases]


def given_basis(chosen: str) -> str | None:
    """The basis to save for a row: the one chosen, except "official" (or none), which the figure's own
    number decides (indicators.basis.kept_basis): a typed change of an official figure makes it the
    municipality's."""
    return chosen if chosen in TYPED_BASES else None


class EntryGridForm(forms.Form):
    """One value, basis and commentary per row; hidden initials tell which rows the user changed."""

    def __init__(self, *args, entry: QuarterEntry, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry = entry
        for row in entry.rows:
            pk, current = row.indicator.pk, row.current
            self.fields[f"value-{pk}"] = DanishDecimalField(
                label=_("Værdi for %(code)s") % {"code": row.indicator.code},
                required=False,
                decimals=row.indicator.measure.decimals,
                initial=current.value if current else None,
                show_hidden_initial=True,
                disabled=entry.is_locked,
            )
            self.fields[f"basis-{pk}"] = forms.ChoiceField(
                label=_("Opgørelse for %(code)s") % {"code": row.indicator.code},
                choices=_basis_choices(current),
                required=False,
                initial=current.basis if current else Basis.OWN,
                show_hidden_initial=True,
                disabled=entry.is_locked,
            )
            self.fields[f"commentary-{pk}"] = forms.CharField(
                label=_("Kommentar til %(code)s") % {"code": row.indicator.code},
                required=False,
                initial=current.commentary if current else "",
                widget=forms.Textarea(attrs={"rows": 1, "cols": 30}),
                show_hidden_initial=True,
                disabled=entry.is_locked,
            )
            self.fields[f"version-{pk}"] = forms.IntegerField(
                required=False, initial=current.version if current else 0, widget=forms.HiddenInput
            )

    def figures(self) -> list[FigureInput]:
        """The rows the user changed, as figures for the service."""
        changed = set(self.changed_data)
        figures = []
        for row in self.entry.rows:
            pk = row.indicator.pk
            if not changed & {f"value-{pk}", f"basis-{pk}", f"commentary-{pk}"}:
                continue
            value = self.cleaned_data.get(f"value-{pk}")
            if value is None:
                self.add_error(
                    f"value-{pk}",
                    _("%(code)s: skriv et tal. Et indberettet tal kan ikke fjernes her.")
                    % {"code": row.indicator.code},
                )
                continue
            version = self.cleaned_data.get(f"version-{pk}") or 0
            commentary = self.cleaned_data.get(f"commentary-{pk}", "")
            basis = given_basis(self.cleaned_data.get(f"basis-{pk}") or "")
            figures.append(
                FigureInput(row.indicator, self.entry.quarter, value, commentary, version, basis=basis)
            )
        return figures

    def rows(self):
        for row in self.entry.rows:
            pk = row.indicator.pk
            yield (
                row,
                self[f"value-{pk}"],
                self[f"basis-{pk}"],
                self[f"commentary-{pk}"],
                self[f"version-{pk}"],
            )


def quarter_entry_view(request, model_admin):
    _require_entry(request)
    if (chosen := chosen_quarter(request)) is None:
        return _refused()
    strategy, quarter = chosen
    entry = quarter_entry(user=request.user, strategy=strategy, quarter=quarter)
    form = EntryGridForm(request.POST if request.method == "POST" else None, entry=entry)
    if request.method == "POST" and form.is_valid():
        posted = {name.removeprefix("value-") for name in request.POST if name.startswith("value-")}
        if not posted <= {str(row.indicator.pk) for row in entry.rows}:
            raise PermissionDenied(_("Du må ikke indberette tal for en eller flere af indikatorerne."))
        if entry.is_locked:
            raise PermissionDenied(_("%(quarter)s er låst.") % {"quarter": quarter})
        figures = form.figures()
        if form.is_valid():
            try:
                with transaction.atomic():
                    result = figures_save(user=request.user, figures=figures)
                    if "_submit" in request.POST:
                        _submit_drafts(request, strategy, quarter)
            except FiguresRefused as refused:
                for problem in refused.problems:
                    field = f"value-{problem.indicator_id}" if problem.indicator_id else None
                    form.add_error(field if field in form.fields else None, problem.message)
            else:
                messages.success(
                    request,
                    _("Gemt: %(created)s nye og %(updated)s ændrede tal.")
                    % {"created": result.created, "updated": result.updated},
                )
                return HttpResponseRedirect(_entry_url(strategy, quarter))
    context = model_admin.admin_site.each_context(request) | {
        "title": _("Kvartalsindberetning"),
        "opts": Measurement._meta,
        "entry": entry,
        "form": form,
        # The portal's municipality's strategies: another municipality's plan is not offered.
        "strategies": Strategy.objects.filter(
            Q(pk=strategy.pk) | Q(pk__in=Strategy.objects.of_portal())
        ).order_by("-adopted"),
        "quarters": [Quarter.latest_ended() + (-n) for n in range(12)],
        "may_lock": permissions.may_lock(request.user),
        "may_approve": permissions.may_approve(request.user),
        "unlock_form": UnlockForm(),
        "incomplete": (
            incomplete_figures(strategy=strategy, quarter=quarter)
            if permissions.may_lock(request.user) and not entry.is_locked
            else []
        ),
        "review_url": approval_url(strategy, quarter),
    }
    return TemplateResponse(request, "admin/indicators/quarter_entry.html", context)


def _submit_drafts(request, strategy: Strategy, quarter: Quarter) -> None:
    """'Save and submit' sends the user's own drafts of the quarter for approval: those this save wrote and
    those the user saved before. Another person's draft, or a returned figure nobody has corrected, stays."""
    drafts = Measurement.objects.in_quarter(quarter).filter(
        indicator__in=editable_indicators(request.user, strategy),
        state=Measurement.State.DRAFT,
        entered_by=request.user,
    )
    count = measurement_submit(
        user=request.user, measurements=drafts.select_related("indicator__focus_area", "indicator__measure")
    )
    messages.info(request, _("%(count)s tal er sendt til godkendelse.") % {"count": count})


def lock_view(request, model_admin):
    if (chosen := chosen_quarter(request)) is None:
        return _refused()
    strategy, quarter = chosen
    try:
        quarter_lock(
            user=request.user,
            strategy=strategy,
            quarter=quarter,
            incomplete_reason=request.POST.get("incomplete_reason", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(quarter)s er låst.") % {"quarter": quarter})
    return HttpResponseRedirect(_entry_url(strategy, quarter))


def unlock_view(request, model_admin):
    if (chosen := chosen_quarter(request)) is None:
        return _refused()
    strategy, quarter = chosen
    form = UnlockForm(request.POST)
    if not permissions.may_lock(request.user):
        raise PermissionDenied
    if not form.is_valid():
        messages.error(request, _("Skriv en begrundelse for at låse kvartalet op."))
        return HttpResponseRedirect(_entry_url(strategy, quarter))
    try:
        quarter_unlock(
            user=request.user, strategy=strategy, quarter=quarter, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(quarter)s er låst op.") % {"quarter": quarter})
    return HttpResponseRedirect(_entry_url(strategy, quarter))


def import_view(request, model_admin):
    if not permissions.may_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_size(upload.size)  # before the upload is read into memory
            result = figures_import(
                user=request.user,
                data=upload.read(),
                filename=upload.name,
                strategy=form.cleaned_data["strategy"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except (FileRefused, FileTooLarge) as refused:
            error = str(refused)
    context = model_admin.admin_site.each_context(request) | {
        "title": _("Importér kvartalstal"),
        "opts": Measurement._meta,
        "form": form,
        "result": result,
        "error": error,
    }
    return TemplateResponse(request, "admin/indicators/import.html", context)


def template_view(request, model_admin):
    """An Excel file with the import headers and one row per indicator the user may enter."""
    if not permissions.may_import(request.user):
        raise PermissionDenied
    strategy, quarter = chosen_quarter(request)
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Kvartalstal")
    sheet.append(["indikator", "år", "kvartal", "værdi", "kommentar", "navn (læses ikke)"])
    for indicator in editable_indicators(request.user, strategy).order_by(
        "focus_area__number", "-is_key_figure", "order", "code"
    ):
        sheet.append(
            [safe_cell(indicator.code), quarter.year, quarter.quarter, None, None, safe_cell(indicator.name)]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="kvartalstal-{quarter.code}.xlsx"'
    return response
