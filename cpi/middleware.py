class NoStoreMiddleware:
    """Staff pages and every page that shows submitted data must never be cached.

    Public pages show a professional's own answers (check your answers) on what may be a shared
    computer, so only static assets are left cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store, max-age=0"
            response["Pragma"] = "no-cache"
        return response
