"""gunicorn settings for production (used by the Dockerfile, docker-compose and make bench)."""

import os

from gunicorn.http import wsgi as _gunicorn_wsgi

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
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# ... nor client addresses in the error log (gunicorn names them on malformed requests).
logger_class = "cpi.gunicorn_logging.RedactingLogger"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# gunicorn names itself in a Server header on every response; say nothing about the software.
_gunicorn_wsgi.SERVER = ""
# No runtime control socket: nothing here uses gunicornc, and every gunicorn on a host (tests,
# make bench, make security) would otherwise share one default path.
control_socket_disable = True
