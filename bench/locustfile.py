"""The public journey under load: a professional goes from the start page to a reference number.

Run by `make bench` (bench/run.py) as `locust --headless -u 16 ...` against the app served by
gunicorn on 127.0.0.1. Every page is fetched and posted as a browser would, with the CSRF token
read from the page; redirects are followed by hand so each page is timed on its own line
("GET <page>" and "POST <page>"). "POST check-your-answers" is the submit step.
"""

import random
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.journey import journey_steps
from bench.staff import loopback_cookies

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')
REFERENCE = re.compile(r"CPI-[2-9A-Z]{4}-[2-9A-Z]{4}")
CATEGORIES = (
    "missing_exploited_trafficked",
    "child_sexual_exploitation",
    "criminal_exploitation",
    "drug_related_harm",
    "modern_slavery",
    "anti_social_behaviour",
)
FIRST = ("Amara", "Callum", "Demi", "Kacper", "Layla", "Reece", "Tanisha", "Yusuf")
LAST = ("Okafor", "Gallagher", "Nowak", "Rahman", "Pearson", "Walsh", "Hussain", "Doherty")


class Professional(HttpUser):
    # A person reads each page for a moment; the load is 16 people working at once.
    wait_time = between(0.2, 0.6)

    def on_start(self):
        loopback_cookies(self.client)

    def _get(self, path: str, name: str) -> str:
        with self.client.get(path, name=f"GET {name}", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} on GET {path}")
                raise StopJourney
            return response.text

    def _post(self, path: str, name: str, page: str, data: dict) -> str:
        match = CSRF.search(page)
        if match is None:
            raise StopJourney
        payload = {"csrfmiddlewaretoken": match.group(1), **data}
        with self.client.post(
            path, data=payload, name=f"POST {name}", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code not in (301, 302, 303):
                response.failure(f"{response.status_code} on POST {path} (expected a redirect)")
                raise StopJourney
            return urlsplit(response.headers["Location"]).path

    def _page(self, path: str, name: str, data: dict) -> str:
        """GET a page, POST its form, and return where the app sent us next."""
        return self._post(path, name, self._get(path, name), data)

    @task
    def share_information(self):
        try:
            self._journey()
        except StopJourney:
            # Start afresh next time with a clean session, as a new professional would.
            self.client.cookies.clear()

    def _journey(self):
        first, last = random.choice(FIRST), random.choice(LAST)
        name = f"{first} {last}"
        self._get("/", "start")
        steps = journey_steps(
            name=name,
            first=first,
            age=random.randint(12, 17),
            categories=random.sample(CATEGORIES, random.choice((1, 2))),
        )
        for path, label, answers in steps:
            self._page(path, label, answers)
        check = self._get("/form/check-your-answers/", "check your answers")
        token = SUBMISSION_TOKEN.search(check)
        if token is None:
            raise StopJourney
        self._post(
            "/form/check-your-answers/",
            "check your answers (submit)",
            check,
            {"submission_token": token.group(1)},
        )
        with self.client.get(
            "/form/confirmation/", name="GET confirmation", catch_response=True
        ) as response:
            if response.status_code != 200 or not REFERENCE.search(response.text):
                response.failure("no reference number on the confirmation page")
                raise StopJourney
        self.client.cookies.clear()


class StopJourney(Exception):
    """A page did not answer as a browser would expect; the failure is already recorded."""
