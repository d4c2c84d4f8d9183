"""Wiring: configuration, user-facing texts, storage, announcements, console and Telegram app."""
