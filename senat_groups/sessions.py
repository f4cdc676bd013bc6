"""Sessions in PostgreSQL, read through the shared cache (Redis), surviving a cache outage.

Django's ``cached_db`` engine already tolerates a failing cache when it reads or saves,
but not when it refills the cache after a miss, checks that a new key is free, or deletes
a session at logout: with Redis down, every staff login and logout would be an error page.
This engine catches those three too (and logs them), so that the database alone carries
the sessions until Redis is back; a Redis restarted empty then refills from the database.
"""

import logging

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends import db

logger = logging.getLogger("django.contrib.sessions")


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            logger.exception("Error reading the session from the cache (%s)", self._cache)
            data = None
        if data is not None:
            return data
        s = self._get_session_from_db()
        if not s:
            return {}
        data = self.decode(s.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=s.expire_date))
        except Exception:
            logger.exception("Error saving to cache (%s)", self._cache)
        return data

    def exists(self, session_key):
        # The database is the reference: a key is taken when its row exists.
        return db.SessionStore.exists(self, session_key)

    def delete(self, session_key=None):
        db.SessionStore.delete(self, session_key)
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception:
            logger.exception("Error deleting the session from the cache (%s)", self._cache)
