from django.urls import path

from . import api_views

app_name = "actionplans_api"
urlpatterns = [
    path("plans/", api_views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", api_views.plan, name="plan"),
]
