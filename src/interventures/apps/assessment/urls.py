from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("", views.start, name="start"),
    path("region/", views.region_results, name="region_results"),
    path("region/export.csv", views.region_export, {"fmt": "csv"}, name="region_export_csv"),
    path("region/export.xlsx", views.region_export, {"fmt": "xlsx"}, name="region_export_xlsx"),
    path("<uuid:token>/", views.resume, name="resume"),
    path("<uuid:token>/step/<int:number>/", views.step, name="step"),
    path("<uuid:token>/autosave/", views.autosave, name="autosave"),
    path("<uuid:token>/result/", views.result, name="result"),
    path("<uuid:token>/result.pdf", views.result_pdf, name="result_pdf"),
    path("<uuid:token>/share/", views.share, name="share"),
    path("<uuid:token>/claim/", views.claim, name="claim"),
]
