"""Every error under /api/ is application/problem+json, whoever produced it.

DRF views answer problems through `problem_exception_handler`, and the 404/500 handlers do for errors
outside the views. What is left is answered by Django itself: with DEBUG on, an unknown path or a
trailing slash gets Django's technical HTML 404 page, and other middleware may refuse a request with
plain text. This middleware turns any such error response on an API path into a problem of the same
status, keeping headers such as Allow, Retry-After and WWW-Authenticate.
"""

from django.http import HttpRequest, HttpResponse

from .exceptions import PROBLEM_CONTENT_TYPE, problem_response

API_PREFIX = "/api/"
_KEEP_OUT = {"content-type", "content-length"}


class ProblemJsonMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path.startswith(API_PREFIX)
            or response.get("Content-Type", "").startswith(PROBLEM_CONTENT_TYPE)
        ):
            return response
        problem = problem_response(request, response.status_code)
        for header, value in response.headers.items():
            if header.lower() not in _KEEP_OUT:
                problem[header] = value
        return problem
