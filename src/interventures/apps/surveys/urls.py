from django.urls import path, register_converter

from .views import editor, partner, respond


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
    path("", partner.campaign_list, name="campaign_list"),
    path("new/", partner.campaign_create, name="campaign_create"),
    path("<int:pk>/", partner.campaign_detail, name="campaign_detail"),
    path("questionnaires/", partner.questionnaire_list, name="questionnaire_list"),
    path("questionnaires/standard.xlsx", partner.standard_xlsform, name="standard_xlsform"),
    path("questionnaires/<int:pk>/", partner.questionnaire_detail, name="questionnaire_detail"),
    path("questionnaires/<int:pk>/copy/", editor.questionnaire_copy, name="questionnaire_copy"),
    path("questionnaires/<int:pk>/edit/", editor.questionnaire_edit, name="questionnaire_edit"),
    path(
        "questionnaires/<int:pk>/edit/add/",
        editor.questionnaire_question_add,
        name="questionnaire_question_add",
    ),
    path(
        "questionnaires/<int:pk>/edit/q/<str:name>/",
        editor.questionnaire_question,
        name="questionnaire_question",
    ),
    path("questionnaires/<int:pk>/xlsform.xlsx", partner.questionnaire_xlsform, name="questionnaire_xlsform"),
    path("<int:pk>/export/<str:fmt>/", partner.campaign_export, name="campaign_export"),
    path("<int:pk>/import/", partner.import_upload, name="import_upload"),
    path("<int:pk>/files/", partner.campaign_files, name="campaign_files"),
    path("<int:pk>/files/<survey_key:token>/", partner.campaign_file, name="campaign_file"),
    path("import/<int:pk>/", partner.import_mapping, name="import_mapping"),
    path("import/<int:pk>/result/", partner.import_result, name="import_result"),
    path("import/<int:pk>/rejected.csv", partner.import_rejected, name="import_rejected"),
    path("population/", partner.population, name="population"),
    path("c/<slug:slug>/", respond.start, name="start"),
    path("c/<slug:slug>/r/<survey_key:key>/", respond.respond, name="respond"),
    path("c/<slug:slug>/r/<survey_key:key>/autosave/", respond.autosave, name="autosave"),
    path("c/<slug:slug>/r/<survey_key:key>/done/", respond.done, name="done"),
    path("t/<survey_key:token>/", respond.start_invitation, name="invitation"),
]
