"""Urgency at the door: wording of danger now in what a professional wrote on the CPI form.

Pure Python, no Django and nothing sent anywhere: `detect(information=..., when=...,
descriptions=[...])` gives an `UrgencyResult` with `urgent`, `kinds` and the `spans` to quote back.
"""

from urgency.detector import KINDS, Span, UrgencyResult, detect

__all__ = ["KINDS", "Span", "UrgencyResult", "detect"]
