from django.apps import AppConfig


class OutletConfig(AppConfig):
    name = "outlet"
    verbose_name = "Site"
