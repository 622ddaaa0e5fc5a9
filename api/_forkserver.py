"""Loaded once by the query workers' fork server (see :func:`api.queries._preload`).

Each worker re-runs the server's main module as ``__mp_main__`` while the fork
server already has it imported under its own name; runpy warns about that once
per worker, which only adds noise to the server's log.
"""

import warnings

warnings.filterwarnings("ignore", category=RuntimeWarning, module="runpy",
                        message=".*found in sys.modules after import of package")

import api.queries  # noqa: E402,F401 - the point of this module: preload the worker code
