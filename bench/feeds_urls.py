"""The product's URLs plus the trivial view bench/feeds.py compares the feeds with."""

from django.http import HttpResponse
from django.urls import path

from outlet.urls import urlpatterns as product_urls


def trivial(request):
    """The least a Django view can do: a two-byte response, no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("_bench/trivial", trivial), *product_urls]
