import pytest

SITE = "https://outlet.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    """A public address unlike the test client's host, so a feed that used the request's
    host instead would show it."""
    settings.SITE_URL = SITE
    settings.OUTLET_NAME = "Policy Review"
    return SITE
