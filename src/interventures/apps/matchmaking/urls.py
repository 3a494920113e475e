from django.urls import path

from . import views

app_name = "matchmaking"
urlpatterns = [
    path("", views.suggestions, name="suggestions"),
    path("profile/", views.profile, name="profile"),
    path("partners/<uuid:token>/", views.partner, name="partner"),
    path("partners/<uuid:token>/interest/", views.interest, name="interest"),
    path("partners/<uuid:token>/decline/", views.decline, name="decline"),
]
