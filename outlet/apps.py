from django.apps import AppConfig
from django.conf import settings


class OutletConfig(AppConfig):
    name = "outlet"
    verbose_name = "Site"

    def ready(self):
        if settings.STAFF_TWO_FACTOR:
            require_two_factor()


def require_two_factor():
    """Make the admin ask staff for a one-time password as well as their password."""
    from django.contrib import admin
    from django_otp.admin import OTPAdminSite

    admin.site.__class__ = OTPAdminSite
    admin.site.login_template = OTPAdminSite.login_template
