from django.conf import settings


def service(request):
    return {
        "FORCE_NAME": settings.FORCE_NAME,
        "SERVICE_NAME": settings.SERVICE_NAME,
    }
