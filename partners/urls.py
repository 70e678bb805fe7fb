from django.urls import path

from . import views, views_import

app_name = "partners"

urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views_import.duo_import, name="import"),
    path("import/<int:pk>/", views_import.duo_import_status, name="import_status"),
]
