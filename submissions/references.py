import secrets

# No 0/O, 1/I/L or U: easy to read aloud over the phone and hard to mistype.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_PATTERN = r"CPI-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}"


def reference_generate() -> str:
    """A random reference like CPI-7KQ2-M9XD: not sequential, ~49 bits, not guessable."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"CPI-{chars[:4]}-{chars[4:]}"
