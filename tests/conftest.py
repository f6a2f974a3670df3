import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture
def seed(db):
    """The shipped seed content, loaded as `make run` loads it."""
    call_command("load_seed", verbosity=0)


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(username="editor", password="pw")
    client.force_login(user)
    return client


@pytest.fixture
def page_cache(settings):
    """The page cache on, as in production, starting empty."""
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()
