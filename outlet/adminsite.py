"""The admin site's own additions to Django's: labels in the autocomplete pickers that
tell apart objects their names do not (two authors of one name)."""

from django.contrib.admin import AdminSite
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django_otp.admin import OTPAdminSite


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """A picker's choices labelled by their ModelAdmin's `picker_labels(objects)`, a
    {pk: label} for those that need more than their name; the others keep str()."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labelled = getattr(self.model_admin, "picker_labels", None)
        self.labels = labelled(context["object_list"]) if labelled else {}
        return context

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if obj.pk in self.labels:
            result["text"] = self.labels[obj.pk]
        return result


class PickerLabels:
    def autocomplete_view(self, request):
        return LabelledAutocompleteJsonView.as_view(admin_site=self)(request)


class OutletAdminSite(PickerLabels, AdminSite):
    pass


class OutletOTPAdminSite(PickerLabels, OTPAdminSite):
    """With STAFF_TWO_FACTOR: staff give a one-time password as well as their password."""
