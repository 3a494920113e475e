from django.urls import path

from .views import edit, pages

app_name = "learning"
urlpatterns = [
    path("practices/", pages.practice_list, name="practice_list"),
    path("practices/new/", edit.practice_create, name="practice_create"),
    path("practices/export.<str:fmt>", pages.practice_export, name="practice_export"),
    path("practices/<slug:slug>/", pages.practice_detail, name="practice_detail"),
    path("practices/<slug:slug>/edit/", edit.practice_edit, name="practice_edit"),
    path("practices/<slug:slug>/translate/<str:lang>/", edit.practice_translate, name="practice_translate"),
    path("practices/<slug:slug>/validate/", pages.practice_validate, name="practice_validate"),
    path(
        "practices/<slug:slug>/transferability/<slug:code>/",
        pages.transferability_edit,
        name="transferability_edit",
    ),
    path("events/", pages.event_list, name="event_list"),
    path("events/plan/", pages.activity_plan, name="activity_plan"),
    path("events/calendar.<str:fmt>", pages.events_export, name="events_export"),
    path("events/<slug:uid>/", pages.event_detail, name="event_detail"),
    path("events/<slug:uid>/participants/", pages.event_participants, name="event_participants"),
    path("events/<slug:uid>/participants/add/", edit.participant_add, name="participant_add"),
    path("events/<slug:uid>/participants/import/", edit.participants_import, name="participants_import"),
    path(
        "events/<slug:uid>/participants/import/<int:pk>/",
        edit.participants_import_result,
        name="participants_import_result",
    ),
    path(
        "events/<slug:uid>/participants/import/<int:pk>/rejected.csv",
        edit.participants_import_rejected,
        name="participants_import_rejected",
    ),
    path(
        "events/<slug:uid>/participants/<int:pk>/feedback/",
        edit.participant_feedback,
        name="participant_feedback",
    ),
    path("events/<slug:uid>/lessons/add/", edit.lesson_add, name="lesson_add"),
    path("events/<slug:uid>/calendar.ics", pages.event_export, name="event_export"),
    path("feedback/<str:token>/", edit.feedback, name="feedback"),
    path("initiatives/", pages.initiative_list, name="initiative_list"),
    path("initiatives/<int:pk>/", pages.initiative_detail, name="initiative_detail"),
]
