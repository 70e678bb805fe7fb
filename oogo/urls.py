from django.urls import path

from . import views

app_name = "oogo"

urlpatterns = [
    path("", views.index, name="index"),
]
