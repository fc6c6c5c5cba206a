"""The errors of reading: every message starts with the source's name.

>>> str(DecodeError("x.txt: not valid UTF-8 at byte 3"))
'x.txt: not valid UTF-8 at byte 3'
>>> issubclass(UnsupportedFormatError, ReadError), issubclass(FileTooLargeError, ReadError)
(True, True)
"""


class ReadError(Exception):
    """A document that cannot be read; the message starts with the source name."""


class DecodeError(ReadError):
    """Bytes that are not text in an encoding we accept, or whose encoding cannot be told."""


class UnsupportedFormatError(ReadError):
    """A file whose format this version cannot read (an image, a .doc, a zip that is not .docx)."""


class FileTooLargeError(ReadError):
    """A file over the size limit of the reader."""
