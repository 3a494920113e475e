from django.urls import path, register_converter

from . import views


class ResumeKeyConverter:
    """A resume key or an invitation token: the characters of secrets.token_urlsafe, bounded in
    length, so anything else is a 404 before the database is asked."""

    regex = "[A-Za-z0-9_-]{20,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ResumeKeyConverter, "survey_key")

app_name = "surveys"
urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("new/", views.campaign_create, name="campaign_create"),
    path("<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("questionnaires/", views.questionnaire_list, name="questionnaire_list"),
    path("questionnaires/standard.xlsx", views.standard_xlsform, name="standard_xlsform"),
    path("questionnaires/<int:pk>/", views.questionnaire_detail, name="questionnaire_detail"),
    path("questionnaires/<int:pk>/copy/", views.questionnaire_copy, name="questionnaire_copy"),
    path("questionnaires/<int:pk>/edit/", views.questionnaire_edit, name="questionnaire_edit"),
    path(
        "questionnaires/<int:pk>/edit/add/",
        views.questionnaire_question_add,
        name="questionnaire_question_add",
    ),
    path(
        "questionnaires/<int:pk>/edit/q/<str:name>/",
        views.questionnaire_question,
        name="questionnaire_question",
    ),
    path("questionnaires/<int:pk>/xlsform.xlsx", views.questionnaire_xlsform, name="questionnaire_xlsform"),
    path("<int:pk>/export/<str:fmt>/", views.campaign_export, name="campaign_export"),
    path("<int:pk>/import/", views.import_upload, name="import_upload"),
    path("import/<int:pk>/", views.import_mapping, name="import_mapping"),
    path("import/<int:pk>/result/", views.import_result, name="import_result"),
    path("import/<int:pk>/rejected.csv", views.import_rejected, name="import_rejected"),
    path("population/", views.population, name="population"),
    path("c/<slug:slug>/", views.start, name="start"),
    path("c/<slug:slug>/r/<survey_key:key>/", views.respond, name="respond"),
    path("c/<slug:slug>/r/<survey_key:key>/autosave/", views.autosave, name="autosave"),
    path("c/<slug:slug>/r/<survey_key:key>/done/", views.done, name="done"),
    path("t/<survey_key:token>/", views.start_invitation, name="invitation"),
]
