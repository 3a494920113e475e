from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from interventures.apps.api.api import api
from interventures.apps.web.views import set_language

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    # The first API, kept for its clients (docs/architecture.md, "The API"): same services as v1.
    path("api/", include("interventures.config.api_urls")),
]

urlpatterns += i18n_patterns(
    path("", include("interventures.apps.web.urls")),
    path("accounts/", include("interventures.apps.accounts.urls")),
    path("partnership/", include("interventures.apps.partnership.urls")),
    path("players/", include("interventures.apps.keyplayers.urls")),
    path("classifications/", include("interventures.apps.classifications.urls")),
    path("test/", include("interventures.apps.assessment.urls")),
    path("surveys/", include("interventures.apps.surveys.urls")),
    path("analysis/", include("interventures.apps.analysis.urls")),
    path("learning/", include("interventures.apps.learning.urls")),
    path("partners/", include("interventures.apps.matchmaking.urls")),
    path("api-tokens/", include("interventures.apps.api.urls")),
    path("actionplans/", include("interventures.apps.actionplans.urls")),
    path("audit/", include("interventures.apps.audit.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
