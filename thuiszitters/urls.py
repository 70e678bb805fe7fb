from django.urls import path

from . import views

app_name = "thuiszitters"

urlpatterns = [
    path("", views.index, name="index"),
]

# --- Verzuimmonitor (issue 12 "Monitor"; thuiszitters/views_monitor.py) ---
from . import views_monitor  # noqa: E402

urlpatterns += [
    path("monitor/", views_monitor.monitor_pagina, name="monitor"),
    path("monitor/export/", views_monitor.monitor_export, name="monitor_export"),
]
