"""Paperless: a secure, offline-first reader for paperless committee meetings."""

__version__ = "0.1.0"
