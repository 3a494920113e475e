from django.urls import path

from . import views

app_name = "partnership"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("regions/<slug:code>/", views.region, name="region"),
    path("instruments/<slug:slug>/", views.instrument, name="instrument"),
]
