"""Reminders in one place: when they go out (plan), what they say (texts), the digest."""
