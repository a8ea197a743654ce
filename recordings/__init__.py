"""Recordings: interchange file formats (IMU CSV + sidecar), session store, replay, export."""

import logging

# The entry points (command line, app) attach the handlers; a library stays silent.
logging.getLogger(__name__).addHandler(logging.NullHandler())
