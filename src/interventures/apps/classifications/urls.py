from django.urls import path

from . import views

app_name = "classifications"
urlpatterns = [
    path("programmes/", views.programmes, name="programmes"),
    path("programmes/<str:cci>/", views.programme, name="programme"),
    path("nuts/border-regions/", views.border_regions, name="border_regions"),
]
