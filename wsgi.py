"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""

from innovation import create_app

app = create_app()
