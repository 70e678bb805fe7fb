"""gunicorn settings for the web role (docker/entrypoint.sh passes this file with --config).

The access log names the path without its query string and without the Referer: both can carry
personal data (`/audit/?naam=...`, `?q=...`), and the app's own request log leaves them out too.
The response's X-Request-ID ties a line to the app's log lines for the same request.
"""

accesslog = "-"
# h: client address, t: time, m/U/H: method, path (no query string), protocol, s: status, b: bytes,
# M: duration in ms, a: user agent. Not r (the full request line) and not f (Referer).
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms %({x-request-id}o)s "%(a)s"'

# --- part oogo-ics: a path whose segment is a secret (the calendar feed's token) is logged masked ---
from gunicorn.glogging import Logger as _GunicornLogger  # noqa: E402


class MaskingLogger(_GunicornLogger):
    """The access log's path through the app's own masking (swv.core.logging.register_secret_path)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        from swv.core.logging import mask_secret_paths  # the worker has loaded the app by now

        for key in ("U", "r"):
            if isinstance(atoms.get(key), str):
                atoms[key] = mask_secret_paths(atoms[key])
        return atoms


logger_class = MaskingLogger
