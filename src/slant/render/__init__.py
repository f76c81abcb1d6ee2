"""Turning Documents into what people read: JSON, a terminal report, a standalone HTML page."""
