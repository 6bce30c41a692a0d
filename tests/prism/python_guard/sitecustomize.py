# Loaded by every Python snippet the Prism test runs (check.mjs puts this folder first on
# PYTHONPATH). The snippet itself runs unchanged; this only keeps it on this machine:
#
# - a request to any host but loopback is refused before anything is sent;
# - a redirect Prism answers with (the description's example Location, such as
#   https://codeload.github.com/...) is not followed off the machine: the 3xx is the answer;
# - with PRISM_SHOW_VIOLATIONS=1, Prism's `sl-violations` response header (its reason for
#   rejecting a request) is printed to standard error.
import os
import sys
from urllib.parse import urljoin, urlsplit

try:
    import requests
except ImportError:  # the test runs Python snippets only where requests imports
    requests = None


def _local(url):
    host = urlsplit(url).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")


if requests is not None:
    _get_redirect_target = requests.Session.get_redirect_target
    _send = requests.Session.send

    def _get_local_redirect_target(self, response):
        target = _get_redirect_target(self, response)
        if target and not _local(urljoin(response.url, target)):
            return None
        return target

    def _send_locally(self, request, **kwargs):
        if not _local(request.url):
            raise requests.exceptions.ConnectionError(
                "the Prism test sends nothing off this machine: " + request.url)
        response = _send(self, request, **kwargs)
        violations = response.headers.get("sl-violations")
        if violations and os.environ.get("PRISM_SHOW_VIOLATIONS"):
            # http.client reads header bytes as latin-1; Prism sends UTF-8.
            violations = violations.encode("latin-1", "replace").decode("utf-8", "replace")
            print("sl-violations: " + violations, file=sys.stderr)
        return response

    requests.Session.get_redirect_target = _get_local_redirect_target
    requests.Session.send = _send_locally
