from django.conf import settings


def outlet(request):
    """The outlet's name and address, for every template."""
    return {
        "OUTLET_NAME": settings.OUTLET_NAME,
        "OUTLET_DESCRIPTION": settings.OUTLET_DESCRIPTION,
        "SITE_URL": settings.SITE_URL,
    }
