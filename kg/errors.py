"""One small hierarchy of errors that the CLI turns into one-line messages for users."""


class KGError(Exception):
    """Base of every error a user can cause and fix (bad input, missing files)."""


class CorpusError(KGError):
    """The corpus folder or a file in it cannot be read as a whole."""


class GazetteerError(KGError):
    """A data file under ontology/ is malformed."""


class ExportError(KGError):
    """An export could not be written."""


class GraphError(KGError):
    """A graph file cannot be read, or fails validation."""


class CacheError(KGError):
    """The cache of extraction records cannot be used (not a folder, not writable)."""


class UsageError(KGError):
    """An option's value is out of range."""
