"""The WSGI entry point that application servers (gunicorn, uWSGI, mod_wsgi) load. Loaded first, it
defaults to production mode, so a deployment that forgets INTERVENTURES_ENV still refuses to start
without its secrets instead of running with development ones. `manage runserver` loads this module
after the settings, so it keeps the mode it was started in."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interventures.config.settings")
if not settings.configured:
    os.environ.setdefault("INTERVENTURES_ENV", "production")
application = get_wsgi_application()
