from django.utils import translation
from django.utils.cache import patch_vary_headers


class ApiLanguageMiddleware:
    """The API speaks the language the client asks for (Accept-Language, else Vietnamese).

    The site's pages take their language from the URL (/en/…), and LocaleMiddleware gives
    every unprefixed path the default language; the API's paths have no prefix, so it chooses
    here instead. Placed right after LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response
