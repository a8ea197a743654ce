"""Recordings: interchange file formats (IMU CSV + sidecar), session store, replay, export."""
