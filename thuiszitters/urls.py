from django.urls import path

from . import views

app_name = "thuiszitters"

urlpatterns = [
    path("", views.index, name="index"),
]
