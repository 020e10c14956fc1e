"""Widgets that take the timeline model and draw it."""
