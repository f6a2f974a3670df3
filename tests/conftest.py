import pytest
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
