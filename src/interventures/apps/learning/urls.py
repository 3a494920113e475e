from django.urls import path

from .views import edit, organise, pages, register

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
    path("events/new/", organise.event_create, name="event_create"),
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
    path("events/<slug:uid>/edit/", organise.event_edit, name="event_edit"),
    path("events/<slug:uid>/files/", organise.event_materials, name="event_materials"),
    path("events/<slug:uid>/files/<str:token>/", organise.material_download, name="material_download"),
    path("events/<slug:uid>/files/<str:token>/delete/", organise.material_delete, name="material_delete"),
    path("events/<slug:uid>/attendance/", organise.attendance, name="attendance"),
    path("events/<slug:uid>/feedback-links/", organise.feedback_links, name="feedback_links"),
    path("events/<slug:uid>/register/", register.register, name="register"),
    path("registration/<str:token>/", register.registration_page, name="registration"),
    path("registration/<str:token>/cancel/", register.registration_cancel, name="registration_cancel"),
    path("feedback/<str:token>/", edit.feedback, name="feedback"),
    path("initiatives/", pages.initiative_list, name="initiative_list"),
    path("initiatives/new/", organise.initiative_create, name="initiative_create"),
    path("initiatives/<int:pk>/", pages.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/edit/", organise.initiative_edit, name="initiative_edit"),
    path("initiatives/<int:pk>/status/", organise.initiative_status, name="initiative_status"),
]
