from django.urls import path

from . import views

app_name = "actionplans"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<slug:code>/", views.dashboard, name="dashboard_region"),
    path("new/<slug:slug>/", views.plan_start, name="plan_start"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/plan.<str:fmt>", views.plan_export, name="plan_export"),
    path("<int:pk>/step/<slug:step>/", views.plan_step, name="step"),
    path("<int:pk>/status/", views.plan_transition, name="transition"),
    path("<int:pk>/comment/", views.plan_comment, name="comment"),
    path("<int:pk>/translate/<slug:lang>/", views.plan_translate, name="translate"),
    path("<int:pk>/history/", views.plan_history, name="history"),
    path("<int:pk>/monitoring/<int:action>/", views.monitoring_add, name="monitoring"),
    path("<int:pk>/monitoring/file/<str:token>", views.monitoring_file, name="monitoring_download"),
    path(
        "<int:pk>/monitoring/file/<str:token>/delete/",
        views.monitoring_file_delete,
        name="monitoring_file_delete",
    ),
    path("<int:pk>/monitoring/entry/<int:entry>/delete/", views.monitoring_delete, name="monitoring_delete"),
    path("<int:pk>/improvements/", views.improvement_add, name="improvement"),
    path(
        "<int:pk>/improvements/<int:improvement>/delete/", views.improvement_delete, name="improvement_delete"
    ),
    path("<int:pk>/improvements/file/<str:token>", views.improvement_file, name="improvement_download"),
    path(
        "<int:pk>/improvements/file/<str:token>/delete/",
        views.improvement_file_delete,
        name="improvement_file_delete",
    ),
    path("<int:pk>/text/<slug:kind>/<int:obj>/translate/", views.text_translate, name="text_translate"),
]
