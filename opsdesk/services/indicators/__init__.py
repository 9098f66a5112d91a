"""The indicators of the separated model: ``overview`` (the service) and ``records``."""
