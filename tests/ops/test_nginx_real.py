"""Behind the reference nginx (docs/deploy/nginx.conf, run by Debian's nginx on private ports) in
front of gunicorn with LEADS_TRUSTED_PROXY_COUNT=1: rate limits count the real client, the https
redirect honours X-Forwarded-Proto, and nginx's request id reaches the app's logs."""

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from requests.adapters import HTTPAdapter

from leads.client_address import address_hash
from leads.contact_form import make_shown_at_token
from leads.models import Lead
from tests.real_stack import free_port, port_open, require_service, wait_until
from tests.services import wait_for_a_rate_window

pytestmark = [
    pytest.mark.real_services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


class FromAddress(HTTPAdapter):
    """Connects from a chosen loopback address (all of 127.0.0.0/8 is this machine), so one test
    can be several clients."""

    def __init__(self, source: str):
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def client_at(source: str, certificate) -> requests.Session:
    session = requests.Session()
    session.mount("https://", FromAddress(source))
    session.mount("http://", FromAddress(source))
    session.verify = str(certificate)
    # Otherwise REQUESTS_CA_BUNDLE from the environment would replace the certificate above.
    session.trust_env = False
    return session


# Five posts per client address, as in production, counted over a day rather than 10 minutes.
CLIENT_RATE = "5/d"


@pytest.fixture
def nginx_in_front(real_stack, tmp_path):
    """gunicorn behind Debian's nginx running the reference site; yields (https, http) addresses."""
    require_service(Path(NGINX).exists(), "nginx is not installed (apt-get install -y nginx)")
    real_stack.start_web(
        LEADS_TRUSTED_PROXY_COUNT=1,
        LEADS_RATE_PER_CLIENT=CLIENT_RATE,
        SECURE_SSL_REDIRECT="true",
        SECURE_PROXY_SSL_HEADER="true",
        LOG_FORMAT="json",
    )
    certificate, key = tmp_path / "site.crt", tmp_path / "site.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=www.clinic.example",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:www.clinic.example",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ],
        check=True,
        capture_output=True,
    )
    https_port, http_port = free_port(), free_port()
    site = (settings.BASE_DIR / "docs" / "deploy" / "nginx.conf").read_text()
    for reference, private in {
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{real_stack.web_port};",
        "/etc/letsencrypt/live/www.clinic.example/fullchain.pem": str(certificate),
        "/etc/letsencrypt/live/www.clinic.example/privkey.pem": str(key),
        "/srv/clinic/staticfiles/": f"{settings.BASE_DIR}/cms/static/",
        "/var/log/nginx/clinic.access.log": str(tmp_path / "nginx-access.log"),
        # On a private port the browser's Host carries the port; CSRF compares it with Referer.
        "proxy_set_header Host $host;": "proxy_set_header Host $http_host;",
    }.items():
        assert reference in site, f"the reference config no longer has {reference!r}"
        site = site.replace(reference, private)
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"""
        user root;
        daemon off;
        worker_processes 1;
        pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/nginx-error.log;
        events {{ worker_connections 64; }}
        http {{
            include /etc/nginx/mime.types;
            client_body_temp_path {tmp_path}/body;
            proxy_temp_path {tmp_path}/proxy;
            fastcgi_temp_path {tmp_path}/fastcgi;
            uwsgi_temp_path {tmp_path}/uwsgi;
            scgi_temp_path {tmp_path}/scgi;
            include {tmp_path}/site.conf;
        }}
        """
    )
    real_stack.spawn(
        "nginx",
        [NGINX, "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "nginx-error.log")],
    )
    wait_until(
        lambda: port_open(f"https://127.0.0.1:{https_port}", https_port), 15, message="nginx"
    )
    return f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}", certificate


def post_form_as(session, base_url, contact_page, number: int, **headers):
    page_url = base_url + contact_page.url
    session.get(page_url, timeout=10).raise_for_status()
    # As the form's script does on a page from the page cache: this visitor's own tokens.
    tokens = session.get(base_url + "/contact-form/tokens/", timeout=10).json()
    return session.post(
        page_url,
        data={
            "csrfmiddlewaretoken": tokens["csrfmiddlewaretoken"],
            "full_name": f"Visitor {number}",
            "email": f"visitor{number}@example.org",
            "phone": f"(503) 555-01{number:02d}",
            "preferred_contact_method": "email",
            "best_time": "",
            "message": "",
            "consent": "on",
            "website": "",
            "shown_at": make_shown_at_token(time.time() - 60),
        },
        headers={"Referer": page_url, **headers},
        allow_redirects=False,
        timeout=30,
    )


def test_rate_limits_count_the_real_client_not_nginx(nginx_in_front, contact_page):
    https_url, _, certificate = nginx_in_front
    # django-ratelimit counts in fixed windows: the six posts below must fall in one window of
    # the first client's key, or the count resets (run 1 of a loaded `make test-repeat`: the sixth
    # got 303). gunicorn's clock cannot be moved, so the posts start in a window with room left
    # (the fixture gives the web process day-long windows: a wait is needed about 1 run in 500).
    wait_for_a_rate_window(address_hash("127.0.0.2"), CLIENT_RATE, seconds=180)
    first, second = client_at("127.0.0.2", certificate), client_at("127.0.0.3", certificate)
    statuses = [
        post_form_as(first, https_url, contact_page, number).status_code for number in range(5)
    ]
    assert statuses == [303] * 5
    # A forged header does not make the same client someone else.
    forged = post_form_as(first, https_url, contact_page, 5, **{"X-Forwarded-For": "198.51.100.7"})
    assert forged.status_code == 429
    # Another client, through the same nginx, is not affected.
    assert post_form_as(second, https_url, contact_page, 6).status_code == 303
    assert Lead.objects.count() == 6


def test_the_https_redirect_honours_x_forwarded_proto(nginx_in_front, real_stack):
    https_url, http_url, certificate = nginx_in_front
    session = client_at("127.0.0.1", certificate)
    assert session.get(https_url + "/", allow_redirects=False, timeout=10).status_code == 200
    plain = session.get(http_url + "/", allow_redirects=False, timeout=10)
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")
    direct = f"http://127.0.0.1:{real_stack.web_port}/"
    redirected = requests.get(direct, allow_redirects=False, timeout=10)
    assert redirected.status_code == 301
    assert redirected.headers["Location"] == f"https://127.0.0.1:{real_stack.web_port}/"
    told = requests.get(
        direct, headers={"X-Forwarded-Proto": "https"}, allow_redirects=False, timeout=10
    )
    assert told.status_code == 200


def test_nginxs_request_id_reaches_the_app_logs(nginx_in_front, real_stack, tmp_path):
    https_url, _, certificate = nginx_in_front
    session = client_at("127.0.0.1", certificate)
    response = session.get(
        https_url + "/health/live",
        headers={"X-Request-ID": "chosen-by-the-client-0001"},
        timeout=10,
    )
    request_id = response.headers["X-Request-ID"]
    assert len(request_id) == 32 and request_id != "chosen-by-the-client-0001"
    wait_until(
        lambda: request_id in (tmp_path / "nginx-access.log").read_text(),
        5,
        message="nginx's log line",
    )
    app_lines = [
        json.loads(line) for line in real_stack.log("web").splitlines() if line.startswith("{")
    ]
    assert any(
        line["request_id"] == request_id and line["message"].startswith("GET /health/live 200")
        for line in app_lines
    )
