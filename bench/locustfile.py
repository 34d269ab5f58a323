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
from bench.staff import loopback_cookies

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')
REFERENCE = re.compile(r"CPI-[2-9A-Z]{4}-[2-9A-Z]{4}")
ELIGIBILITY = ("immediate-danger", "crime", "urgent", "safeguarding-referral")
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
INFORMATION = (
    "{name} has been seen getting into a dark blue Vauxhall Corsa outside the bus station most "
    "Friday evenings. The driver is an older man who calls himself Deano. {first} has new "
    "trainers and a second phone and has been missing lessons. Other young people may be "
    "involved; a group gathers at the skate park on Rowan Close after 9pm."
)


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
        for slug in ELIGIBILITY:
            self._page(f"/eligibility/{slug}/", "eligibility", {"answer": "no"})
        self._page(
            "/form/categories/",
            "categories",
            {"categories": random.sample(CATEGORIES, random.choice((1, 2)))},
        )
        # People at risk: one is required, so the list page sends us straight to "add".
        self._page(
            "/form/people-at-risk/add/",
            "add person at risk",
            {"name": name, "approximate_age": random.randint(12, 17), "setting": ""},
        )
        self._page("/form/people-at-risk/", "people at risk", {"add_another": "no"})
        self._page("/form/persons-of-concern/", "persons of concern", {"add_another": "yes"})
        self._page(
            "/form/persons-of-concern/add/",
            "add person of concern",
            {"name": "", "nicknames": "Deano", "phone_numbers": "07700 900456"},
        )
        self._page("/form/persons-of-concern/", "persons of concern", {"add_another": "no"})
        self._page("/form/places/", "places", {"add_another": "no"})
        self._page("/form/vehicles/", "vehicles", {"add_another": "yes"})
        self._page(
            "/form/vehicles/add/",
            "add vehicle",
            {"registration": "WU68 KXD", "make": "Vauxhall", "model": "Corsa", "colour": "Blue"},
        )
        self._page("/form/vehicles/", "vehicles", {"add_another": "no"})
        self._page("/form/when/", "when", {"when_description": "Most Friday evenings"})
        self._page(
            "/form/information/",
            "information",
            {"information": INFORMATION.format(name=name, first=first)},
        )
        self._page(
            "/form/how-you-know/",
            "how you know",
            {"provenance": "seen_directly", "provenance_detail": ""},
        )
        self._page(
            "/form/lawful-basis/",
            "lawful basis",
            {
                "lawful_basis": "public_task",
                "special_category_condition": "safeguarding",
                "subject_aware": "no",
            },
        )
        self._page(
            "/form/about-you/",
            "about you",
            {
                "name": "Gemma Littlewood",
                "role": "Head of Year 9",
                "organisation": "Brookfield Academy",
                "email": "g.littlewood@brookfield.example.sch.uk",
                "phone": "0117 496 0123",
                "contact_times": "Weekdays after 3pm",
            },
        )
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
