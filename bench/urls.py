"""The product's URLs plus two floors that benchmarks compare every page against."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from outlet.urls import urlpatterns as product_urls

FLOOR_TEXT = ("Outlet benchmark floor. " * 1300)[:30_000]


def constant(request):
    """The cheapest Django response: a constant 30 KB string."""
    return HttpResponse(FLOOR_TEXT)


def templated(request):
    """The same text through a template that extends a base with a dozen blocks."""
    return render(request, "bench/templated.html", {"text": FLOOR_TEXT})


urlpatterns = [
    path("_bench/constant", constant),
    path("_bench/templated", templated),
    *product_urls,
]
