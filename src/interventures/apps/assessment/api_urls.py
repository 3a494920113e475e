from django.urls import path

from . import api_views

app_name = "assessment_api"
urlpatterns = [
    path("model/", api_views.model, name="model"),
    path("submit/", api_views.submit, name="submit"),
    path("result/<uuid:token>/", api_views.result, name="result"),
]
