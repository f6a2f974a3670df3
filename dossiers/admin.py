from django.contrib import admin  # noqa: F401 - models are registered in their own change
