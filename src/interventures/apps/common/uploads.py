"""Uploaded files that are kept (an event's materials): the kinds accepted, checked by their content
and not by their name alone, within a size bound, under a display name that is never a path.

A kind is known by its first bytes; the zip-based office formats are opened (without extracting) and
must hold the part their kind has (`word/`, `ppt/`, `xl/`, or an OpenDocument `mimetype`), so a zip
or a renamed file of another kind is refused.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile


@dataclass(frozen=True)
class Kind:
    content_type: str
    magic: tuple[bytes, ...]
    zip_part: str = ""
    """For zip-based formats: a name prefix one of its members has (OOXML), or the OpenDocument
    media type its `mimetype` member holds (when it starts with 'application/')."""


PDF = Kind("application/pdf", (b"%PDF-",))
PNG = Kind("image/png", (b"\x89PNG\r\n\x1a\n",))
JPEG = Kind("image/jpeg", (b"\xff\xd8\xff",))
_ZIP = (b"PK\x03\x04",)
DOCX = Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP, "word/")
XLSX = Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP, "xl/")
PPTX = Kind("application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP, "ppt/")
ODT = Kind("application/vnd.oasis.opendocument.text", _ZIP, "application/vnd.oasis.opendocument.text")
ODP = Kind(
    "application/vnd.oasis.opendocument.presentation", _ZIP, "application/vnd.oasis.opendocument.presentation"
)


class UploadRefused(Exception):
    """`code` says why: "kind" (an extension not accepted), "size" (over the bound or empty),
    "content" (the content is not what the name says)."""

    def __init__(self, code: str, name: str) -> None:
        super().__init__(code)
        self.code = code
        self.name = name


@dataclass(frozen=True)
class Checked:
    name: str
    extension: str
    content_type: str
    size: int


def display_name(raw: str, default: str = "file") -> str:
    """The uploader's name reduced to letters, digits, dots, dashes and spaces, without any folder:
    shown and offered as the download's name, never used as a path."""
    base = re.split(r"[\\/]", raw or "")[-1]
    clean = re.sub(r"[^\w.\- ]", "_", base).strip(" .")[:120]
    return clean or default


def _zip_holds(upload: UploadedFile, part: str) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            if part.startswith("application/"):
                with archive.open("mimetype") as member:
                    return member.read(200).decode("ascii", "replace").strip() == part
            return any(n.startswith(part) for n in archive.namelist()[:2000])
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False
    finally:
        upload.seek(0)


def check_upload(upload: UploadedFile, *, kinds: Mapping[str, Kind], max_bytes: int) -> Checked:
    """An acceptable file's cleaned name, extension, content type and size; UploadRefused otherwise.
    The size is counted chunk by chunk, so a file over the bound is refused as soon as it shows."""
    name = display_name(upload.name or "")
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    kind = kinds.get(ext)
    if kind is None:
        raise UploadRefused("kind", name)
    size, head = 0, b""
    chunks: Iterable[bytes] = upload.chunks()
    for chunk in chunks:
        if len(head) < 16:
            head += chunk[: 16 - len(head)]
        size += len(chunk)
        if size > max_bytes:
            raise UploadRefused("size", name)
    upload.seek(0)
    if size == 0:
        raise UploadRefused("size", name)
    if not any(head.startswith(m) for m in kind.magic):
        raise UploadRefused("content", name)
    if kind.zip_part and not _zip_holds(upload, kind.zip_part):
        raise UploadRefused("content", name)
    return Checked(name, ext, kind.content_type, size)
