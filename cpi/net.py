import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's address as seen through settings.PROXY_DEPTH trusted proxies.

    With no proxy configured X-Forwarded-For is ignored entirely, so a client cannot spoof it;
    behind N proxies the Nth address from the right is the one the outermost proxy saw. An entry
    there that is not an IP address (a misconfigured or bypassed proxy) is not trusted: the
    direct peer is used, as the database's address columns would refuse it anyway.
    """
    depth = settings.PROXY_DEPTH
    if depth > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= depth and _is_ip(forwarded[-depth]):
            return forwarded[-depth]
    return request.META.get("REMOTE_ADDR") or None


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
