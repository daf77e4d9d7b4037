"""Dialogs: first run, unlock, open errors, trusting a card, about."""
