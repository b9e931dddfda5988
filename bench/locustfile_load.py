"""Locust visitors for bench/bench_load.py: they browse the home page, the article index and
articles; about 2% of what they do is sending the contact form, each from an address of its own
(X-Forwarded-For, read through LEADS_TRUSTED_PROXY_COUNT=1 as if nginx had set it)."""

import itertools
import random
import re
import secrets

import gevent
from locust import HttpUser, between, task

ARTICLE_LINK = re.compile(r'href="(/articles/[a-z0-9-]+/)"')
SHOWN_AT = re.compile(r'name="shown_at" value="([^"]+)"')
# Distinct client addresses (198.18.0.0/15 is for benchmarks) and email addresses for every post.
POST_NUMBERS = itertools.count(1)
# New addresses each run, so every form opens a new lead as a new visitor's would (with the same
# addresses as an earlier run, each would join that run's lead as a repeat request).
RUN = secrets.token_hex(4)


class Visitor(HttpUser):
    wait_time = between(0.5, 1.5)
    articles: list[str] = []

    def on_start(self):
        index = self.client.get("/articles/", name="index")
        if not Visitor.articles:
            Visitor.articles = sorted(set(ARTICLE_LINK.findall(index.text)))

    @task(30)
    def home(self):
        self.client.get("/", name="home")

    @task(19)
    def index(self):
        self.client.get("/articles/", name="index")

    @task(49)
    def article(self):
        if Visitor.articles:
            self.client.get(random.choice(Visitor.articles), name="article")

    @task(2)
    def send_the_form(self):
        number = next(POST_NUMBERS)
        address = f"198.18.{number // 250}.{number % 250 + 1}"
        self.client.get("/contact/", name="contact page")
        # The contact page may come from the page cache: as its script does, ask for this
        # visitor's own CSRF and timing tokens.
        answer = self.client.get("/contact-form/tokens/", name="form tokens")
        tokens = answer.json()
        token, shown_at = tokens["csrfmiddlewaretoken"], tokens["shown_at"]
        # Production cookies are Secure and this bench speaks plain HTTP on loopback, so the
        # client would not send the CSRF cookie back by itself: send it as a browser on https would.
        csrf_cookie = answer.cookies.get("csrftoken")
        # A person takes longer than the timing trap's 3 seconds to fill in the form.
        # gevent's sleep (locust runs on gevent) lets the other visitors go on meanwhile.
        gevent.sleep(4)
        self.client.post(
            "/contact/",
            name="contact POST",
            data={
                "csrfmiddlewaretoken": token,
                "full_name": f"Load Visitor {number}",
                "email": f"load-visitor-{RUN}-{number}@example.org",
                "phone": "",
                "preferred_contact_method": "email",
                "best_time": "",
                "message": "",
                "consent": "on",
                "website": "",
                "shown_at": shown_at,
            },
            headers={"X-Forwarded-For": address, "Referer": self.host + "/contact/"},
            cookies={"csrftoken": csrf_cookie},
            allow_redirects=False,
        )
