"""Layer 4: python-telegram-bot. The application factory (the one place handlers are
registered), the Telegram implementation of the services' ``Notifier``, and rate limiting."""
