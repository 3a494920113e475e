from django.urls import path

from . import views

app_name = "keyplayers"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("o/<slug:slug>/", views.organisation, name="organisation"),
    path("o/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("o/<slug:slug>/services/add/", views.service_add, name="service_add"),
    path("o/<slug:slug>/ties/add/", views.tie_add, name="tie_add"),
    path("services/<int:pk>/edit/", views.service_edit, name="service_edit"),
    path("ties/<int:pk>/delete/", views.tie_delete, name="tie_delete"),
    path("regions/<slug:code>/", views.region, name="region"),
    path("regions/<slug:code>/add/", views.organisation_add, name="organisation_add"),
    path(
        "regions/<slug:code>/improvements/refresh/", views.improvements_refresh, name="improvements_refresh"
    ),
    path("improvements/<int:pk>/", views.improvement_decide, name="improvement_decide"),
    path("regions/<slug:code>/import/", views.directory_import, name="directory_import"),
    path(
        "regions/<slug:code>/export/<slug:table>.<slug:fmt>",
        views.directory_export,
        name="directory_export",
    ),
    path("imports/<str:token>/", views.directory_import_review, name="directory_import_review"),
    path(
        "imports/<str:token>/refused.csv", views.directory_import_problems, name="directory_import_problems"
    ),
]
