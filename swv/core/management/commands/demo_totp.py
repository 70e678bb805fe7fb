from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from swv.core.demo_users import DEMO_TOTP_KEY_HEX


class Command(BaseCommand):
    help = "Toont de huidige tweestapscode van een demo-account (alleen voor de publieke demosleutel)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", nargs="?", default="coordinator")

    def handle(self, *args, username: str, **options) -> None:
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        # Only the demo key is public; never print codes of a real enrolment.
        if device is None or device.key != DEMO_TOTP_KEY_HEX:
            raise CommandError(f"{username} is geen demo-account met de demosleutel.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
        self.stdout.write(f"{code:0{device.digits}d}")
