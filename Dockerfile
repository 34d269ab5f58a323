# Production image: GOV.UK Frontend assets are built from npm here, never committed.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY static/src static/src
RUN npm run --silent build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VAR_DIR=/var/lib/cpi
RUN useradd --system --create-home --home-dir /home/cpi cpi \
    && mkdir -p /var/lib/cpi/exports \
    && chown -R cpi:cpi /var/lib/cpi
WORKDIR /app
COPY pyproject.toml README.md ./
COPY . .
RUN pip install --no-cache-dir .
COPY --from=assets /app/static/build static/build
# collectstatic needs production settings to load; these throwaway values never leave the build.
RUN SECRET_KEY=collectstatic-only-build-key ALLOWED_HOSTS=build \
    ENCRYPTION_KEYS="$(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
    python manage.py collectstatic --noinput --verbosity 0
USER cpi
EXPOSE 8000
CMD ["gunicorn", "cpi.wsgi:application", "--config", "cpi/gunicorn.conf.py"]
