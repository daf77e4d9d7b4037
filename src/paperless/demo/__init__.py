"""The demo: a fictional Standing Committee session, its Vietnamese documents and a signed bundle.

Used by ``paperless demo`` and, through :mod:`paperless.demo.factory`, by the tests and the
benchmarks. It lives beside ``paperless.core``, not in it: the reader never needs it (a test
checks that core does not import it). Its texts are data, under ``resources/demo/``.
"""
