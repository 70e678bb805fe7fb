"""Two-factor login: who must use it, enrolment with a QR code, codes, recovery codes and a reset."""

import logging
import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from swv.core import twofactor
from swv.core.models import Rol, TweestapsKoppeling
from tests.factories import PASSWORD
from tests.pages import start_page_of, start_sends_to
from tests.twofactor import current_code, enrol

pytestmark = pytest.mark.django_db

ROLES_WITH_PUPIL_ACCESS = [rol for rol in Rol if rol != Rol.BESTUURDER]


def password_only(user) -> Client:
    client = Client()
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    return client


@pytest.mark.parametrize("rol", ROLES_WITH_PUPIL_ACCESS, ids=lambda r: r.value)
def test_every_role_that_can_reach_pupil_data_must_pass_the_second_step(users, rol):
    user = users[rol.value]
    enrol(user)
    client = password_only(user)

    for path in ["/", "/partners/", "/casussen/leerlingen/", "/rol-kiezen/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/tweestapsverificatie/?next="), path


def test_bestuurder_sees_only_aggregates_and_needs_no_second_step(users):
    user = users[Rol.BESTUURDER.value]
    client = password_only(user)

    html = start_page_of(client, user)

    assert "U werkt als Bestuurder / wethouder voor" in html


def test_staff_account_without_membership_needs_the_second_step(db, django_user_model):
    user = django_user_model.objects.create_user("beheer-zonder-rol", password=PASSWORD, is_staff=True)

    response = password_only(user).get("/beheer/")

    assert response["Location"].startswith("/tweestapsverificatie/instellen/")


def test_api_answers_403_problem_until_the_second_step_is_passed(users):
    client = password_only(users["swv_coordinator"])

    response = client.get("/api/v1/ik")

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "Tweestapsverificatie" in response.json()["detail"]


def with_enrolment_link(user) -> Client:
    """Password step done, and the one-time enrolment link (as a beheerder or the e-mail gives it) opened."""
    client = password_only(user)
    token = twofactor.koppellink_uitgeven(user=user, by=None)
    response = client.get(twofactor.koppellink_pad(token))
    assert response["Location"] == "/tweestapsverificatie/instellen/"
    return client


def test_user_without_device_is_sent_to_set_one_up_with_a_qr_code_and_a_typed_key(users):
    client = with_enrolment_link(users["swv_coordinator"])

    response = client.get("/", follow=True)

    body = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/tweestapsverificatie/instellen/")
    assert "<svg" in body
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', body).group(1)
    device = TOTPDevice.objects.get(user=users["swv_coordinator"], confirmed=False)
    assert secret == twofactor.base32_secret(device)


def test_a_password_alone_cannot_attach_an_authenticator_app(users):
    user = users["swv_coordinator"]
    client = password_only(user)

    page = client.get("/", follow=True)
    attempt = client.post("/tweestapsverificatie/instellen/", {"code": "123456"})

    body = page.content.decode()
    assert page.redirect_chain[-1][0].startswith("/tweestapsverificatie/instellen/")
    assert "heeft u een koppellink nodig" in body
    assert "<svg" not in body
    assert 'data-testid="totp-secret"' not in attempt.content.decode()
    # No secret was even generated, let alone shown or confirmed.
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert start_sends_to(client).startswith("/tweestapsverificatie/instellen/")


def test_a_person_asks_for_an_enrolment_link_by_email_and_it_works_once(users, caplog):
    user = users["swv_coordinator"]
    client = password_only(user)

    client.post("/tweestapsverificatie/instellen/", {"koppellink_mailen": "1"})

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert mail.outbox[0].subject == "Koppel uw authenticator-app aan Ketenregie"
    link = re.search(
        r"https?://[^/\s]+(/tweestapsverificatie/koppelen/\?token=\S+)", mail.outbox[0].body
    ).group(1)
    caplog.set_level(logging.INFO, logger="swv.request")
    client.get(link)
    client.get("/tweestapsverificatie/instellen/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post("/tweestapsverificatie/instellen/", {"code": current_code(device), "next": "/"})
    device.refresh_from_db()
    assert device.confirmed
    # The request log names the page, not the token.
    assert "GET /tweestapsverificatie/koppelen/ 302" in caplog.text
    assert link.split("token=")[1] not in caplog.text

    # Used: the same link does not open the set-up again (e.g. after a later reset).
    twofactor.tweestaps_resetten(user=user, by=None)
    again = password_only(user)
    response = again.get(link)
    assert "Deze koppellink is ongeldig, verlopen of al gebruikt" in response.content.decode()
    assert "<svg" not in again.get("/tweestapsverificatie/instellen/").content.decode()


def test_an_expired_or_someone_elses_enrolment_link_is_refused(users):
    from django.utils import timezone

    user = users["swv_coordinator"]
    token = twofactor.koppellink_uitgeven(user=users["swv_medewerker"], by=None)
    verlopen = twofactor.koppellink_uitgeven(user=user, by=None)
    TweestapsKoppeling.objects.filter(user=user).update(verloopt_op=timezone.now())
    client = password_only(user)

    for link in [twofactor.koppellink_pad(token), twofactor.koppellink_pad(verlopen)]:
        body = client.get(link).content.decode()
        assert "Deze koppellink is ongeldig, verlopen of al gebruikt" in body, link
    assert "<svg" not in client.get("/tweestapsverificatie/instellen/").content.decode()


def test_enrolment_with_a_correct_code_shows_ten_recovery_codes_once_and_opens_the_app(users):
    user = users["swv_coordinator"]
    client = with_enrolment_link(user)
    client.get("/tweestapsverificatie/instellen/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    response = client.post("/tweestapsverificatie/instellen/", {"code": current_code(device), "next": "/"})

    body = response.content.decode()
    codes = re.findall(r'<code class="utrecht-code">([0-9a-f]{10})</code>', body)
    assert len(codes) == 10
    assert "Ze worden maar één keer getoond" in body
    device.refresh_from_db()
    assert device.confirmed
    start_page_of(client, user)
    assert TweestapsKoppeling.objects.get(user=user).gebruikt_op is not None


def test_enrolment_with_a_wrong_code_keeps_the_device_unconfirmed_and_says_so_in_dutch(users):
    user = users["swv_coordinator"]
    client = with_enrolment_link(user)
    client.get("/tweestapsverificatie/instellen/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"

    response = client.post("/tweestapsverificatie/instellen/", {"code": wrong})

    assert "Deze code klopt niet" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert start_sends_to(client).startswith("/tweestapsverificatie/instellen/")


def test_wrong_code_at_login_is_refused_in_dutch(users):
    user = users["swv_coordinator"]
    device = enrol(user)
    client = password_only(user)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"

    response = client.post("/tweestapsverificatie/", {"code": wrong})

    assert "Deze code klopt niet of is al gebruikt" in response.content.decode()
    assert start_sends_to(client).startswith("/tweestapsverificatie/?next=")


def test_a_recovery_code_works_once(users):
    user = users["swv_coordinator"]
    enrol(user)
    code = twofactor.herstelcodes_vernieuwen(user=user)[0]

    first = password_only(user)
    response = first.post("/tweestapsverificatie/", {"code": code, "next": "/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "U logde in met een herstelcode. U heeft er nog 9 over." in response.content.decode()

    second = password_only(user)
    again = second.post("/tweestapsverificatie/", {"code": code})
    assert "Deze code klopt niet of is al gebruikt" in again.content.decode()


def test_new_recovery_codes_replace_the_old_ones_after_the_password(users, client_for):
    user = users["swv_coordinator"]
    old = twofactor.herstelcodes_vernieuwen(user=user)
    client = client_for(user)

    response = client.post("/tweestapsverificatie/herstelcodes/", {"password": PASSWORD})

    new = re.findall(r'<code class="utrecht-code">([0-9a-f]{10})</code>', response.content.decode())
    assert len(new) == 10
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert stored == set(new)
    assert not stored & set(old)


def test_new_recovery_codes_are_refused_without_the_right_password(users, client_for):
    user = users["swv_coordinator"]
    old = twofactor.herstelcodes_vernieuwen(user=user)
    client = client_for(user)

    without = client.post("/tweestapsverificatie/herstelcodes/")
    wrong = client.post("/tweestapsverificatie/herstelcodes/", {"password": "niet-mijn-wachtwoord"})

    assert "Dit veld is vereist" in without.content.decode()
    assert "Dit wachtwoord klopt niet." in wrong.content.decode()
    assert 'class="utrecht-code"' not in wrong.content.decode()
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert stored == set(old)


def test_the_next_parameter_cannot_send_the_user_to_another_site(users):
    user = users["swv_coordinator"]
    device = enrol(user)
    client = password_only(user)

    response = client.post(
        "/tweestapsverificatie/", {"code": current_code(device), "next": "https://kwaadwillend.example/"}
    )

    assert response["Location"] == "/"


def test_beheerder_resets_a_lost_second_factor_in_the_admin_and_the_user_enrols_again(users, client_for):
    user = users["swv_coordinator"]
    enrol(user)
    twofactor.herstelcodes_vernieuwen(user=user)
    users["beheerder"].user_permissions.add(
        *Permission.objects.filter(content_type__app_label="core", codename__in=["view_user", "change_user"])
    )
    beheerder = client_for(users["beheerder"])
    open_session = client_for(user)

    response = beheerder.post(
        "/beheer/core/user/",
        {"action": "tweestaps_resetten", "_selected_action": [user.pk]},
        follow=True,
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Tweestapsverificatie gereset voor 1 account" in body
    assert "Een koppellink is gemaild naar het e-mailadres van 1 account" in body
    assert 'data-testid="koppellink"' not in body  # mailed to the owner, not shown to the beheerder
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()
    # The session that was open (perhaps on the lost phone) is ended.
    assert open_session.get("/")["Location"].startswith("/inloggen/")
    # The owner logs in with the password and enrols a new app through the link in the e-mail.
    assert mail.outbox[-1].to == [user.email]
    link = re.search(
        r"https?://[^/\s]+(/tweestapsverificatie/koppelen/\?token=\S+)", mail.outbox[-1].body
    ).group(1)
    client = password_only(user)
    assert client.get("/")["Location"].startswith("/tweestapsverificatie/instellen/")
    client.get(link)
    assert "<svg" in client.get("/tweestapsverificatie/instellen/").content.decode()


def test_reset_of_an_account_without_email_shows_the_beheerder_the_link_once(users, client_for):
    user = users["swv_medewerker"]
    user.email = ""
    user.save(update_fields=["email"])
    enrol(user)
    users["beheerder"].user_permissions.add(
        *Permission.objects.filter(content_type__app_label="core", codename__in=["view_user", "change_user"])
    )
    beheerder = client_for(users["beheerder"])

    response = beheerder.post(
        "/beheer/core/user/", {"action": "tweestaps_resetten", "_selected_action": [user.pk]}
    )

    body = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    link = re.search(
        r'data-testid="koppellink">https?://[^/<]+(/tweestapsverificatie/koppelen/\?token=[^<]+)<', body
    )
    assert mail.outbox == []
    client = password_only(user)
    client.get(link.group(1))
    assert "<svg" in client.get("/tweestapsverificatie/instellen/").content.decode()


def test_beheerder_cannot_reset_an_account_of_another_swv(users, client_for):
    outsider = users["outsider"]
    enrol(outsider)
    users["beheerder"].user_permissions.add(
        *Permission.objects.filter(content_type__app_label="core", codename__in=["view_user", "change_user"])
    )
    beheerder = client_for(users["beheerder"])

    beheerder.post("/beheer/core/user/", {"action": "tweestaps_resetten", "_selected_action": [outsider.pk]})

    assert TOTPDevice.objects.filter(user=outsider).exists()
    # "Does not exist": the admin sends the beheerder back to its index.
    assert beheerder.get(f"/beheer/core/user/{outsider.pk}/change/")["Location"] == reverse("admin:index")


def test_before_the_second_step_the_page_shows_no_menu_and_no_role(users):
    user = users["swv_coordinator"]
    enrol(user)

    body = password_only(user).get("/tweestapsverificatie/").content.decode()

    assert 'class="site-nav"' not in body
    assert "U werkt als" not in body


def test_the_session_id_changes_when_the_second_step_is_passed(users):
    user = users["swv_coordinator"]
    device = enrol(user)
    client = password_only(user)
    after_password = client.cookies["sessionid"].value

    client.post("/tweestapsverificatie/", {"code": current_code(device), "next": "/"})

    after_code = client.cookies["sessionid"].value
    assert after_code != after_password
    # The old id no longer opens the session: whoever fixed or saw it before the second step is out.
    stale = Client()
    stale.cookies["sessionid"] = after_password
    assert stale.get("/")["Location"].startswith("/inloggen/")
    start_page_of(client, user)


def test_a_throttled_second_step_says_it_is_blocked_and_until_when_even_for_the_right_code(users):
    from django.utils import timezone

    user = users["swv_coordinator"]
    device = enrol(user)
    client = password_only(user)
    twofactor.herstelcodes_vernieuwen(user=user)
    # Five wrong codes in a row: django-otp now refuses every code (app and recovery) for 2**4 = 16 s.
    for blocked in [device, StaticDevice.objects.get(user=user)]:
        blocked.throttling_failure_count = 5
        blocked.throttling_failure_timestamp = timezone.now()
        blocked.save()
    until = timezone.localtime(device.throttling_failure_timestamp + timezone.timedelta(seconds=16))

    response = client.post("/tweestapsverificatie/", {"code": current_code(device), "next": "/"})

    body = response.content.decode()
    assert "geblokkeerd tot " + until.strftime("%H:%M:%S") in body
    assert "klopt niet" not in body
    assert start_sends_to(client).startswith("/tweestapsverificatie/?next=")


def test_the_code_field_of_the_second_step_has_the_focus(users):
    user = users["swv_coordinator"]
    enrol(user)

    body = password_only(user).get("/tweestapsverificatie/").content.decode()

    field = re.search(r'<input[^>]*name="code"[^>]*>', body).group(0)
    assert "autofocus" in field
