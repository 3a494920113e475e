from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("method/", views.method, name="method"),
    path("sources/", views.sources, name="sources"),
    path("start/", views.start, name="start"),
]
