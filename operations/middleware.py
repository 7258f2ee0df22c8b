"""Requests the database could never answer: PostgreSQL refuses a NUL character in any text, so an address
or query string carrying one is refused here with 400 rather than failing deep in a page with a 500."""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


def refuse_nul(get_response):
    def middleware(request):
        values = [request.path, *(value for _key, value in request.GET.lists() for value in value)]
        if any("\x00" in text for text in [*values, *request.GET.keys()]):
            return HttpResponseBadRequest(_("Adressen indeholder et tegn, som portalen ikke kan læse."))
        return get_response(request)

    return middleware
