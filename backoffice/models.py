# The back office has no tables of its own. This module exists so that Django sends the
# app its post_migrate signal (only apps with a models module get one), on which the
# editors' group gets its permissions (apps.py, permissions.py).
