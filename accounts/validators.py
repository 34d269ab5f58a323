from django.core.exceptions import ValidationError


class MaximumLengthValidator:
    """Refuse passwords longer than max_length (ASVS 2.1.2: at most 128 characters).

    A ceiling keeps hashing cost bounded: Argon2 over a megabyte "password" is a cheap denial of
    service against the sign-in page.
    """

    def __init__(self, max_length: int = 128):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                f"Your password must be {self.max_length} characters or fewer.",
                code="password_too_long",
                params={"max_length": self.max_length},
            )

    def get_help_text(self) -> str:
        return f"Your password must be {self.max_length} characters or fewer."
