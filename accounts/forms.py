from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account has been switched off. Speak to your supervisor.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean(self):
        # No account has a username longer than the model allows, so such a sign-in is wrong
        # without asking: django-axes would otherwise try to record the overlong name and the
        # database refuse it (a 500 on PostgreSQL).
        username = self.cleaned_data.get("username") or ""
        if len(username) > self.username_field.max_length:
            raise self.get_invalid_login_error()
        return super().clean()


class TokenForm(forms.Form):
    """A six-digit code from an authenticator app. Spaces are allowed, as apps show "123 456"."""

    otp_token = forms.CharField(
        label="Code from your authenticator app",
        max_length=16,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def clean_otp_token(self) -> str:
        token = self.cleaned_data["otp_token"].replace(" ", "").replace("-", "")
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError(
                "Enter the 6-digit code from your authenticator app", code="format"
            )
        return token


class ConfirmForm(forms.Form):
    """Re-authentication before a sensitive action: the password or a fresh TOTP code."""

    secret = forms.CharField(
        label="Your password or a code from your authenticator app",
        max_length=128,
        strip=False,
        error_messages={"required": "Enter your password or a code from your authenticator app"},
    )

    def is_code(self) -> bool:
        value = self.cleaned_data["secret"].replace(" ", "")
        # Passwords are at least 12 characters, so six digits can only be a TOTP code.
        return value.isdigit() and len(value) == 6

    def code(self) -> str:
        return self.cleaned_data["secret"].replace(" ", "")
