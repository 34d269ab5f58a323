"""gunicorn settings for production (used by the Dockerfile, docker-compose and make bench)."""

import os

from gunicorn.http import wsgi as _gunicorn_wsgi

from cpi.env import env_int

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Request bodies and headers are capped by Django too; keep gunicorn's limits tight as well.
limit_request_line = 8190
limit_request_fields = 100
# Never log request details: a query string could hold submitted content.
accesslog = "-"
# The last field is the request's id (audit.middleware.RequestIdMiddleware), as in the app's log.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms %({x-request-id}o)s'
errorlog = "-"
# ... nor client addresses in the error log (gunicorn names them on malformed requests), and every
# field either log writes has its control characters escaped, so a path cannot forge a line.
logger_class = "cpi.gunicorn_logging.RedactingLogger"

# Who may say the request came over HTTPS (X-Forwarded-Proto) follows PROXY_DEPTH, as Django's
# SECURE_PROXY_SSL_HEADER and cpi.net.client_ip do, and nothing else: gunicorn's own default trusts
# 127.0.0.1 (or the FORWARDED_ALLOW_IPS variable), so without a proxy anything on the host could
# claim HTTPS. With no proxy no peer is trusted and no scheme header is read at all (a Unix socket
# peer is otherwise trusted whatever forwarded_allow_ips says); behind a proxy only the proxy can
# reach gunicorn, so its peer is trusted and X-Forwarded-Proto alone is read. No peer may set
# SCRIPT_NAME or PATH_INFO through a header either way.
_proxy_depth = env_int("PROXY_DEPTH", 0)
forwarded_allow_ips = "*" if _proxy_depth > 0 else ""
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"} if _proxy_depth > 0 else {}
forwarder_headers = ""

# gunicorn names itself in a Server header on every response; say nothing about the software.
_gunicorn_wsgi.SERVER = ""
# No runtime control socket: nothing here uses gunicornc, and every gunicorn on a host (tests,
# make bench, make security) would otherwise share one default path.
control_socket_disable = True
