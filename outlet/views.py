from django.db import connection
from django.http import Http404, JsonResponse


def home(request):
    raise Http404


def healthz(request):
    """200 when the app and its database answer; 503 naming the part that does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"app": "ok", "database": "down"}, status=503)
    return JsonResponse({"app": "ok", "database": "ok"})
