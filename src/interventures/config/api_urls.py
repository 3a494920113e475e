"""JSON API: one prefix per domain app."""

from django.urls import include, path

urlpatterns = [
    path("assessment/", include("interventures.apps.assessment.api_urls")),
    path("actionplans/", include("interventures.apps.actionplans.api_urls")),
]
