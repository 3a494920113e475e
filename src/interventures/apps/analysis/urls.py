from django.urls import path

from . import views

app_name = "analysis"
urlpatterns = [
    path("", views.comparison, name="comparison"),
    path("figures.csv", views.comparison_csv, name="comparison_csv"),
    path("regions/<slug:code>/", views.region_report, name="region"),
    path("regions/<slug:code>/edit/", views.edit, name="edit"),
    path("regions/<slug:code>/report.<str:fmt>", views.download, name="download"),
    path("regions/<str:code>/run/", views.run_start, name="run_start"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/status.json", views.run_status, name="run_status"),
]
