from django.dispatch import Signal

# Sent after an import committed rows. Its bulk writes send no post_save, so whoever
# caches pages (the wiring, senat_groups/cache.py) listens to this instead.
import_written = Signal()
