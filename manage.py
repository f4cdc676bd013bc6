#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senat_groups.settings")
    # The web server's statement timeout (senat_groups/settings.py) is for visitors'
    # requests; migrations, imports and backups run without one unless told otherwise.
    os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "0")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
