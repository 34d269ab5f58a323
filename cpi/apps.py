from django.apps import AppConfig


class CpiConfig(AppConfig):
    name = "cpi"
