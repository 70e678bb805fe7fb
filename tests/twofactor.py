"""Helpers for the second login step in tests: a real TOTP device and the code it shows now."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def enrol(user) -> TOTPDevice:
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="authenticator-app", defaults={"confirmed": True}
    )
    return device


def current_code(device: TOTPDevice, *, offset_steps: int = 0) -> str:
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset_steps)
    return f"{code:0{device.digits}d}"


def login_with_both_steps(client, user, password: str):
    """Log in through the real forms: password, then the authenticator code. Returns the last response."""
    device = enrol(user)
    client.post("/inloggen/", {"username": user.username, "password": password})
    return client.post("/tweestapsverificatie/", {"code": current_code(device), "next": "/"}, follow=True)
