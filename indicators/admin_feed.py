"""Admin: Officiel statistik → Hent fra Jobindsats, and the catalogue of the tables the portal reads (latest
period held, release, last fetch and by whom, whether a newer period is due). The work is in
indicators/jobindsats_feed.py; the views only ask and show."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import permissions
from core.file_limits import FileTooLarge
from measures.jobindsats.limits import check_size
from measures.models import JobindsatsFetch, Table
from measures.schedule import holdings, latest_held, period_choices

from . import jobindsats_feed
from .jobindsats_feed import FeedRefused

# How often the fetch page asks again while the task works (seconds).
REFRESH_SECONDS = 2


def feed_pages(user) -> list[dict]:
    """The feed's page as a row of the admin's app list, for who may fetch."""
    if not permissions.may_import_official_statistics(user):
        return []
    return [
        {
            "name": _("Hent fra Jobindsats"),
            "object_name": "jobindsatsfetch",
            "admin_url": reverse("admin:measures_table_fetch"),
            "view_only": True,
        }
    ]


class TableForm(forms.Form):
    table = forms.ChoiceField(label=gettext_lazy("Tabel"))

    def __init__(self, *args, tables, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].choices = [(table.code, str(table)) for table in tables]


class PeriodsForm(forms.Form):
    table = forms.CharField(widget=forms.HiddenInput)
    periods = forms.MultipleChoiceField(label=gettext_lazy("Perioder"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periods"].choices = [(str(period), period.label()) for period in choices]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Gemt svar fra Jobindsats (.json eller .csv)"),
        help_text=gettext_lazy("Filens navn begynder med tabellen, fx y07a02_2024M06.json."),
    )


@admin.register(Table)
class TableAdmin(admin.ModelAdmin):
    """The catalogue of Jobindsats tables (fixtures/tables.csv): read here, with what the portal holds."""

    def has_module_permission(self, request):
        return permissions.may_import_official_statistics(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.may_import_official_statistics(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("hent/", view(self.fetch_view), name="measures_table_fetch"),
            path("hent/<int:pk>/", view(self.fetch_status_view), name="measures_table_fetch_status"),
            path(
                "hent/<int:pk>/importer/",
                view(require_POST(self.confirm_view)),
                name="measures_table_fetch_confirm",
            ),
            *super().get_urls(),
        ]

    def _require(self, request):
        if not permissions.may_import_official_statistics(request.user):
            raise PermissionDenied

    def _context(self, request, title: str, **context) -> dict:
        return self.admin_site.each_context(request) | {"title": title, "opts": Table._meta} | context

    def changelist_view(self, request, extra_context=None):
        self._require(request)
        context = self._context(
            request,
            _("Jobindsats-tabeller"),
            holdings=holdings(jobindsats_feed.today()),
        )
        return TemplateResponse(request, "admin/measures/table/catalogue.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:measures_table_changelist"))

    def fetch_view(self, request):
        """Choose a table, then its periods; or upload a saved answer."""
        self._require(request)
        today = jobindsats_feed.today()
        tables = jobindsats_feed.fetchable_tables()
        by_code = {table.code: table for table in tables}
        chosen = by_code.get(request.POST.get("table") or request.GET.get("table", ""))
        table_form = TableForm(initial={"table": chosen.code if chosen else None}, tables=tables)
        periods_form = upload_form = None
        upload_form = UploadForm()
        error = None
        if chosen is not None:
            choices = period_choices(chosen, today)
            latest, _release = latest_held(chosen)
            due = [str(period) for period in choices if latest is None or period > latest]
            periods_form = PeriodsForm(
                request.POST if "periods_submit" in request.POST else None,
                choices=choices,
                initial={"table": chosen.code, "periods": due[:1] or [str(choices[0])]},
            )
        if request.method == "POST":
            try:
                if "upload_submit" in request.POST:
                    upload_form = UploadForm(request.POST, request.FILES)
                    if upload_form.is_valid():
                        upload = upload_form.cleaned_data["file"]
                        check_size(upload.size)  # before the upload is read into memory
                        fetch = jobindsats_feed.start_upload(
                            user=request.user, filename=upload.name, data=upload.read()
                        )
                        return HttpResponseRedirect(
                            reverse("admin:measures_table_fetch_status", args=[fetch.pk])
                        )
                elif periods_form is not None and periods_form.is_valid():
                    fetch = jobindsats_feed.start_fetch(
                        user=request.user,
                        table=chosen.code,
                        periods=periods_form.cleaned_data["periods"],
                        today=today,
                    )
                    return HttpResponseRedirect(reverse("admin:measures_table_fetch_status", args=[fetch.pk]))
                elif chosen is None:
                    error = _("Vælg en af tabellerne på listen.")
            except (FeedRefused, FileTooLarge) as refused:
                error = str(refused)
        context = self._context(
            request,
            _("Hent fra Jobindsats"),
            table_form=table_form,
            periods_form=periods_form,
            upload_form=upload_form,
            chosen=chosen,
            error=error,
        )
        return TemplateResponse(
            request, "admin/measures/table/fetch.html", context, status=400 if error else 200
        )

    def fetch_status_view(self, request, pk):
        """The fetch's progress (the page asks again while the task works), its dry run per measure and the
        button that imports it."""
        self._require(request)
        fetch = get_object_or_404(
            JobindsatsFetch.objects.select_related("created_by", "confirmed_by").defer("answer"), pk=pk
        )
        rows = [{"code": code} | counts for code, counts in sorted(fetch.counts.items())]
        context = self._context(
            request,
            _("Hentning fra Jobindsats: %(table)s") % {"table": fetch.table},
            fetch=fetch,
            rows=rows,
            refresh=REFRESH_SECONDS if fetch.working else None,
        )
        return TemplateResponse(request, "admin/measures/table/fetch_status.html", context)

    def confirm_view(self, request, pk):
        self._require(request)
        try:
            jobindsats_feed.confirm(user=request.user, fetch_id=pk)
        except FeedRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
        except JobindsatsFetch.DoesNotExist:
            raise Http404 from None
        return HttpResponseRedirect(reverse("admin:measures_table_fetch_status", args=[pk]))
