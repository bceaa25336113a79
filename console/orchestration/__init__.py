"""Runs the devices against the services: the device manager, one session per port, the demo."""
