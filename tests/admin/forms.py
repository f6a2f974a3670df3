"""Read an admin page's form the way a browser would submit it, so tests post real forms."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside = form_id, False
        self.data, self.select, self.textarea = {}, None, None
        self.first_option = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "__prefix__" in attrs.get("name", ""):
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            checkable = attrs.get("type") in {"checkbox", "radio"}
            if not checkable or "checked" in attrs:
                self.data.setdefault(name, []).append(attrs.get("value", "on" if checkable else ""))
        elif tag == "select" and name:
            self.select, self.multiple = name, "multiple" in attrs
            self.data.setdefault(name, [])
        elif tag == "option" and self.select:
            self.first_option.setdefault(self.select, attrs.get("value", ""))
            if "selected" in attrs:
                self.data[self.select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            # A browser sends the first option of a single select when none is marked.
            if not self.data[self.select] and not self.multiple:
                self.data[self.select].append(self.first_option.get(self.select, ""))
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            text = self.data[self.textarea][0] + data
            # Browsers drop the newline that opens a textarea's content.
            self.data[self.textarea][0] = (
                text.removeprefix("\n") if not self.data[self.textarea][0] else text
            )


def form_data(response, form_id=None):
    """The fields of the page's admin form with their current values, ready to post."""
    model = response.context["opts"].model_name
    reader = _FormReader(form_id or f"{model}_form")
    reader.feed(response.content.decode())
    return {name: values if len(values) != 1 else values[0] for name, values in reader.data.items()}


def form_errors(response):
    """Every error on a re-rendered admin form, main form and inlines, for messages."""
    errors = dict(response.context["adminform"].form.errors)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        errors |= {f"{formset.prefix}-{i}": e for i, e in enumerate(formset.errors) if e}
        if formset.non_form_errors():
            errors[formset.prefix] = formset.non_form_errors()
    return errors
