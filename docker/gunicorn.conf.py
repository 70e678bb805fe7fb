"""gunicorn settings for the web role (docker/entrypoint.sh passes this file with --config).

The access log names the path without its query string and without the Referer: both can carry
personal data (`/audit/?naam=...`, `?q=...`), and the app's own request log leaves them out too.
The response's X-Request-ID ties a line to the app's log lines for the same request.
"""

accesslog = "-"
# h: client address, t: time, m/U/H: method, path (no query string), protocol, s: status, b: bytes,
# M: duration in ms, a: user agent. Not r (the full request line) and not f (Referer).
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms %({x-request-id}o)s "%(a)s"'
