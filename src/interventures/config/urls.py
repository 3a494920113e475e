from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("interventures.config.api_urls")),
]

urlpatterns += i18n_patterns(
    path("", include("interventures.apps.web.urls")),
    path("accounts/", include("interventures.apps.accounts.urls")),
    path("partnership/", include("interventures.apps.partnership.urls")),
    path("classifications/", include("interventures.apps.classifications.urls")),
    path("test/", include("interventures.apps.assessment.urls")),
    path("surveys/", include("interventures.apps.surveys.urls")),
    path("analysis/", include("interventures.apps.analysis.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
