from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle


class AddressThrottle(AnonRateThrottle):
    """Requests per client address, counted where every worker sees them: the ``throttle``
    cache (Redis with REDIS_URL, otherwise files shared by the machine's workers).

    The rate is read from ``settings.API_THROTTLE_RATE`` at each request (DRF's own
    setting is read once at import), so that it can change with the environment;
    empty means no limit. The address is REMOTE_ADDR, or the one ``NUM_PROXIES``
    (TRUSTED_PROXY_COUNT) proxies forwarded. A refused request gets 429 and Retry-After.
    """

    @property
    def cache(self):
        return caches["throttle"]

    def get_rate(self):
        return settings.API_THROTTLE_RATE or None
