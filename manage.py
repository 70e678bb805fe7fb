#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "swv.settings.base")
    # Without DATABASE_URL/REDIS_URL, use the embedded services of a running `make run` (if any).
    from swv.core.embedded import discover_running

    found = discover_running()
    if found:
        # Embedded services only exist for local work, where `make run` runs with debug on too.
        os.environ.setdefault("DJANGO_DEBUG", "True")
    os.environ.update(found)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
