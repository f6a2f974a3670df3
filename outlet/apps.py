from django.apps import AppConfig
from django.conf import settings


class OutletConfig(AppConfig):
    name = "outlet"
    verbose_name = "Site"

    def ready(self):
        from django.contrib import admin

        from .adminsite import OutletAdminSite

        admin.site.__class__ = OutletAdminSite
        if settings.STAFF_TWO_FACTOR:
            require_two_factor()


def require_two_factor():
    """Make the admin ask staff for a one-time password as well as their password."""
    from django.contrib import admin

    from .adminsite import OutletOTPAdminSite

    admin.site.__class__ = OutletOTPAdminSite
    admin.site.login_template = OutletOTPAdminSite.login_template
