from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("export.csv", views.export_csv, name="export"),
]
