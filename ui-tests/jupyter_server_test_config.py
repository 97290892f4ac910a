"""Jupyter server configuration for the Galata UI tests.

demo/run.py --ui-tests loads this file with --config and sets
JUPYTERLAB_GALATA_ROOT_DIR to the test project it built. Never use this
configuration outside tests: it turns off the token, the password and the
XSRF check.
"""

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821

# CI runs as root, and the server exits as root unless allowed.
c.ServerApp.allow_root = True  # noqa: F821

# No calls to outside hosts: no news feed, no check for a newer JupyterLab
# and no PyPI search from the extension manager.
c.LabApp.news_url = None  # noqa: F821
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"  # noqa: F821
c.LabApp.extension_manager = "readonly"  # noqa: F821
