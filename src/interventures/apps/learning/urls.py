from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("practices/", views.practice_list, name="practice_list"),
    path("practices/export.<str:fmt>", views.practice_export, name="practice_export"),
    path("practices/<slug:slug>/", views.practice_detail, name="practice_detail"),
    path("practices/<slug:slug>/validate/", views.practice_validate, name="practice_validate"),
    path(
        "practices/<slug:slug>/transferability/<slug:code>/",
        views.transferability_edit,
        name="transferability_edit",
    ),
    path("events/", views.event_list, name="event_list"),
    path("events/plan/", views.activity_plan, name="activity_plan"),
    path("events/calendar.<str:fmt>", views.events_export, name="events_export"),
    path("events/<slug:uid>/", views.event_detail, name="event_detail"),
    path("events/<slug:uid>/participants/", views.event_participants, name="event_participants"),
    path("events/<slug:uid>/calendar.ics", views.event_export, name="event_export"),
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative_detail"),
]
