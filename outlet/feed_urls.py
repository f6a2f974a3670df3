"""Feed addresses (RSS 2.0, Atom 1.0, JSON Feed 1.1), namespaced `feeds`."""

app_name = "feeds"
urlpatterns = []
