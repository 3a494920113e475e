from django.urls import path

from . import api_views

app_name = "keyplayers_api"
urlpatterns = [
    path("regions/<slug:code>/", api_views.region, name="region"),
    path("organisations/<slug:slug>/", api_views.organisation, name="organisation"),
]
