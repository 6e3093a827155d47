"""Conversation logic: a neutral Incoming in, Replies out; nothing here sends."""
