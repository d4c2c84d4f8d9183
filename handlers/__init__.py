"""Thin python-telegram-bot callbacks: read the update, call a service, format, reply."""
