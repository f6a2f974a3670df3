"""Builders for the workflow's tests: people in each editorial role, pieces at each step."""

import importlib
from types import SimpleNamespace

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client

from articles.models import Status
from tests.admin.forms import form_data
from tests.builders import make_article

CONTRIBUTOR, EDITOR, MANAGING_EDITOR = "Contributor", "Editor", "Managing editor"
STEP = "workflow-action"

_roles_migration = importlib.import_module("articles.migrations.0006_roles")


def role(name: str) -> Group:
    """The group the roles migration made (made again after a flush emptied the table)."""
    group = Group.objects.filter(name=name).first()
    if group is None:
        _roles_migration.create_roles(apps, SimpleNamespace(connection=connection))
        group = Group.objects.get(name=name)
    return group


def make_member(role_name: str, *, username: str, **fields):
    """A staff user in one editorial role."""
    user = get_user_model().objects.create_user(
        username=username, password="pw", is_staff=True, **fields
    )
    user.groups.add(role(role_name))
    return user


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_piece(*, owner=None, status=Status.DRAFT, **overrides):
    """An article at a step of the workflow, by a new author, not live."""
    return make_article(live=False, owner=owner, status=status, **overrides)


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def step_data(client, article, step: str, **fields) -> dict:
    """The change form as it stands, posted with a workflow button pressed."""
    return form_data(client.get(change_url(article))) | {STEP: step} | fields
