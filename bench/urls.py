"""The product's URLs plus the floors that benchmarks compare every page against."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template import engines
from django.urls import path

from outlet.urls import urlpatterns as product_urls

FLOOR_TEXT = ("Outlet benchmark floor. " * 1300)[:30_000]


def constant(request):
    """The cheapest Django response: a constant 30 KB string."""
    return HttpResponse(FLOOR_TEXT)


def templated(request):
    """The same text through a template that extends a base with a dozen blocks, by the
    engine the public pages use (Jinja2: the first engine, which finds it first)."""
    return render(request, "bench/templated.html", {"text": FLOOR_TEXT})


def templated_django(request):
    """The same through Django's own engine: the floor of earlier results, for comparison."""
    template = engines["django"].get_template("bench/templated.html")
    return HttpResponse(template.render({"text": FLOOR_TEXT}, request))


urlpatterns = [
    path("_bench/constant", constant),
    path("_bench/templated", templated),
    path("_bench/templated-django", templated_django),
    *product_urls,
]
