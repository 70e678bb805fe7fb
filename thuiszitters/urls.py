from django.urls import path

from . import views

app_name = "thuiszitters"

urlpatterns = [
    path("", views.index, name="index"),
]

# --- issue 12, part signalen ---
from . import views_signaal  # noqa: E402 - the append-only block of this part

urlpatterns += [
    path("signalen/", views_signaal.signaal_lijst, name="signaal_lijst"),
    path("signalen/<int:pk>/", views_signaal.signaal_detail, name="signaal_detail"),
]
