"""The reference's public POST under the same locust load as the app's journey (bench.compare).

One page, one form, one row a POST: GET /report/, POST it with the CSRF token, follow nothing.
No think time: the app's professionals pause only between whole journeys (some 40 requests
back to back), so both sides are near closed loops of 16 clients, and "POST rows/s" is the most
a minimal Django form writes on this machine, beside the app's completed submissions/s.
"""

import random
import re
import sys
from pathlib import Path

from locust import HttpUser, constant, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.journey import INFORMATION
from bench.locustfile import CATEGORIES

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class ReferenceProfessional(HttpUser):
    wait_time = constant(0)

    @task
    def report(self):
        with self.client.get("/report/", name="GET report", catch_response=True) as page:
            match = CSRF.search(page.text)
            if page.status_code != 200 or match is None:
                page.failure(f"{page.status_code} on GET /report/")
                return
        data = {
            "csrfmiddlewaretoken": match.group(1),
            "category": random.choice(CATEGORIES),
            "name": "Amara Okafor",
            "information": INFORMATION.format(name="Amara Okafor", first="Amara"),
        }
        with self.client.post(
            "/report/", data=data, name="POST report (submit)", allow_redirects=False,
            catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code != 302:
                response.failure(f"{response.status_code} on POST /report/ (expected a redirect)")
