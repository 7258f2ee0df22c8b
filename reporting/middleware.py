"""Danish on the first visit, whatever the browser asks for; English only when the reader chooses it."""


class DanishUnlessChosen:
    """Runs before LocaleMiddleware: the browser's Accept-Language is ignored, so the language comes from the
    reader's own choice (the language cookie set by the language switch) or the default, Danish."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
