"""Sign-in to the admin: throttled after repeated failures, two-factor when required."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django_otp.admin import OTPAdminSite
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from outlet.apps import require_two_factor
from tests.builders import make_staff

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


def sign_in(client, password, **extra):
    data = {"username": "staff", "password": password, "next": "/admin/"} | extra
    return client.post(LOGIN, data)


def test_repeated_failures_lock_the_account_out(client, settings):
    settings.AXES_ENABLED = True
    make_staff()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong").status_code == 200  # the form again, with an error
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert sign_in(client, "pw").status_code == 429  # even the right password, for now


def test_a_success_before_the_limit_resets_the_count(client, settings):
    settings.AXES_ENABLED = True
    make_staff()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "wrong")
    assert sign_in(client, "pw").status_code == 302
    client.logout()
    assert sign_in(client, "wrong").status_code == 200


@pytest.fixture
def two_factor(monkeypatch):
    monkeypatch.setattr(admin.site, "login_template", admin.site.login_template)
    original = admin.site.__class__
    require_two_factor()
    yield
    admin.site.__class__ = original


def current_token(device):
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(
        device.digits
    )


def test_two_factor_refuses_a_password_alone(client, two_factor):
    staff = make_staff()
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    response = sign_in(client, "pw")
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_two_factor_admits_password_and_current_code(client, two_factor):
    staff = make_staff()
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    response = sign_in(
        client, "pw", otp_device=device.persistent_id, otp_token=current_token(device)
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_session_without_a_verified_device_cannot_use_the_admin(client, two_factor):
    client.force_login(make_staff())
    assert client.get("/admin/").status_code == 302


def test_without_the_setting_the_admin_asks_for_no_second_factor():
    assert not isinstance(admin.site, OTPAdminSite)


def test_enrol_totp_makes_one_confirmed_device(capsys):
    staff = make_staff()
    call_command("enrol_totp", "staff")
    call_command("enrol_totp", "staff")
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).count() == 1
    assert "otpauth://totp/" in capsys.readouterr().out
