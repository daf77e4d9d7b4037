"""The signed, encrypted session bundle (format: docs/bundle-format.md)."""

from paperless.core.bundle.errors import (
    BundleError,
    ConverterMissingError,
    DocumentError,
    ExpiredError,
    NotABundleError,
    NotAnOfficeSignerError,
    NotARecipientError,
    NotPermittedError,
    RollbackError,
    TamperedError,
    UnknownSignerError,
    UnsafeEntryError,
)
from paperless.core.bundle.extract import Extracted, OutputExistsError, extract_bundle
from paperless.core.bundle.manifest import Agenda, AgendaDocument, AgendaItem, Entry, Manifest
from paperless.core.bundle.reader import (
    BundleFacts,
    DocumentReader,
    OpenedBundle,
    VerifiedBundle,
    inspect_bundle,
    open_bundle,
    verify_bundle,
)
from paperless.core.bundle.rollback import check_rollback
from paperless.core.bundle.writer import BuildResult, build_bundle

__all__ = [
    "Agenda", "AgendaDocument", "AgendaItem", "BuildResult", "BundleError", "BundleFacts",
    "ConverterMissingError", "DocumentError", "DocumentReader", "Entry", "ExpiredError", "Extracted", "Manifest",
    "NotABundleError", "NotAnOfficeSignerError", "NotARecipientError", "NotPermittedError", "OpenedBundle",
    "OutputExistsError", "RollbackError", "TamperedError", "UnknownSignerError",
    "UnsafeEntryError", "VerifiedBundle", "build_bundle", "check_rollback", "extract_bundle",
    "inspect_bundle", "open_bundle", "verify_bundle",
]
